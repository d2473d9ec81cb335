package io.nicsim.bench.report;

import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.RunResult;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The charts of report.html, drawn with XChart and encoded as PNG data URIs (twice the pixels of their CSS size,
 * so they stay sharp on high-density screens), so the page needs nothing but itself. Latencies are shown in
 * microseconds, like the terminal tables.
 */
public final class Charts {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 430;
    public static final int SMALL_WIDTH = 440;
    static final int SMALL_HEIGHT = 260;
    private static final int SCALE = 2;
    /** Smallest latency drawn on a logarithmic axis (a recorded 0 cannot be placed on it). */
    private static final double LOG_FLOOR_MICROS = 0.01;

    /** Okabe-Ito's colour-blind-safe palette, then a few more. */
    private static final Color[] COLORS = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442),
            new Color(0x7F7F7F), new Color(0x8C564B)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** @return the chart as a {@code data:image/png;base64,...} URI */
    public static String dataUri(Chart<?, ?> chart) throws IOException {
        int width = chart.getWidth();
        int height = chart.getHeight();
        BufferedImage image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(SCALE, SCALE);
            chart.paint(g, width, height);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG encoder in this JVM");
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }

    private static void style(Styler styler) {
        styler.setSeriesColors(COLORS);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setChartTitleBoxVisible(false);
        styler.setLegendBorderColor(new Color(0xDDDDDD));
        styler.setBaseFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setChartPadding(8);
        styler.setMarkerSize(5);
        styler.setAntiAlias(true);
    }

    private static void style(AxesChartStyler styler) {
        style((Styler) styler);
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setPlotGridLinesColor(new Color(0xE6E6E6));
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setAxisTickMarksColor(new Color(0x999999));
    }

    private static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChart(width, height);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        return chart;
    }

    /** A distribution to draw: a run's label and its .hgrm lines. */
    record Distribution(String label, List<HistogramFiles.PercentileLine> lines) {
    }

    /**
     * Latency by percentile on HdrHistogram's "nines" axis: x is 1/(1-percentile) on a log scale, so 90%, 99%,
     * 99.9%... are evenly spaced and the tail gets as much room as the median.
     *
     * @return null if no distribution has a point to draw
     */
    static XYChart percentiles(String title, List<Distribution> distributions) {
        XYChart chart = xy(title, "percentile", "notification latency (µs, log scale)", WIDTH, HEIGHT);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double maxX = 10;
        List<String> names = new ArrayList<>();
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Distribution d : distributions) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (HistogramFiles.PercentileLine line : d.lines()) {
                if (line.percentile() >= 1.0 || line.totalCount() == 0) {
                    continue; // the 100% line has no place on the 1/(1-p) axis
                }
                double x = 1 / (1 - line.percentile());
                xs.add(x);
                double y = Math.max(LOG_FLOOR_MICROS, line.valueMicros());
                ys.add(y);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                maxX = Math.max(maxX, x);
            }
            if (!xs.isEmpty()) {
                String name = unique(names, d.label());
                names.add(name);
                XYSeries series = chart.addSeries(name, xs, ys);
                series.setMarker(SeriesMarkers.NONE);
                series.setLineWidth(2f);
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        AxesChartStyler styler = chart.getStyler();
        styler.setXAxisLogarithmic(true);
        styler.setYAxisLogarithmic(true);
        styler.setXAxisMin(1.0);
        styler.setXAxisMax(Math.pow(10, Math.ceil(Math.log10(maxX))));
        styler.setXAxisLogarithmicDecadeOnly(true);
        styler.setXAxisTickLabelsFormattingFunction(Charts::ninesLabel);
        styler.setYAxisTickLabelsFormattingFunction(Charts::microsLabel);
        decades(styler, minY, maxY);
        return chart;
    }

    /** A log y axis from the decade below the smallest value to the decade above the largest: labelled ends. */
    private static void decades(AxesChartStyler styler, double min, double max) {
        styler.setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        styler.setYAxisMax(Math.pow(10, Math.ceil(Math.log10(Math.max(max, min * 10)))));
    }

    /** @return {@code 99.9%} for x = 1000 */
    static String ninesLabel(double x) {
        double percent = 100 * (1 - 1 / x);
        if (percent <= 0) {
            return "0%";
        }
        int nines = (int) Math.round(Math.log10(x));
        return String.format(Locale.ROOT, "%." + Math.max(0, nines - 2) + "f%%", percent);
    }

    static String microsLabel(double micros) {
        if (micros >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", micros);
        }
        if (micros >= 1) {
            return String.format(Locale.ROOT, "%.0f", micros);
        }
        return String.format(Locale.ROOT, "%s", trim(micros));
    }

    private static String trim(double value) {
        String s = String.format(Locale.ROOT, "%.3f", value);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /**
     * Where the time goes: each run's mean per stage, stacked, from injection to the end of the handler. Means
     * add up (the mean of a sum is the sum of the means), so a bar's height is the mean of handled - injected.
     *
     * @return null without stages
     */
    static CategoryChart stages(List<RunResult> runs, List<String> stageNames) {
        CategoryChart chart = new CategoryChart(WIDTH, HEIGHT);
        chart.setTitle("Where the time goes: mean per stage, injected to handled");
        chart.setXAxisTitle("run");
        chart.setYAxisTitle("mean (µs), stacked");
        style(chart.getStyler());
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        List<String> labels = new ArrayList<>();
        for (RunResult run : runs) {
            labels.add(unique(labels, run.name()));
        }
        boolean any = false;
        for (String stage : stageNames) {
            List<Double> means = new ArrayList<>();
            for (RunResult run : runs) {
                Map<String, LatencySummary> stages = run.latencyNanos().stages();
                LatencySummary s = stages == null ? null : stages.get(stage);
                means.add(s == null ? 0.0 : s.mean() / 1000.0);
                any |= s != null && s.count() > 0;
            }
            chart.addSeries(stage, labels, means);
        }
        return any ? chart : null;
    }

    /** The over-time chart's series of the platform jitter: the probe's latest wake-up in each second. */
    static final String JITTER_SERIES = "platform jitter max";
    private static final Color JITTER_COLOR = new Color(0x7F7F7F);

    /**
     * A run's notification latency second by second, from its interval log; warm-up seconds at negative times.
     *
     * @return null without intervals holding packets
     */
    static XYChart overTime(String label, List<HistogramFiles.Interval> intervals) {
        return overTime(label, intervals, List.of());
    }

    /**
     * The same with the platform jitter beside it (paced runs): the jitter probe's latest wake-up in each second, a
     * dashed grey line {@value #JITTER_SERIES} on the same axes (its intervals timed like the notification ones).
     *
     * @param jitter the log's platform jitter intervals; empty: the chart as without
     * @return null without intervals holding packets
     */
    static XYChart overTime(String label, List<HistogramFiles.Interval> intervals,
                            List<HistogramFiles.Interval> jitter) {
        XYChart chart = xy(label, "seconds from the start of the measured time", "µs (log scale)", SMALL_WIDTH,
                SMALL_HEIGHT);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        long warmup = intervals.stream().filter(HistogramFiles.Interval::warmup).count();
        double origin = intervals.stream().filter(HistogramFiles.Interval::warmup)
                .mapToDouble(HistogramFiles.Interval::endSeconds).max().orElse(0);
        Map<String, List<Double>> ys = new LinkedHashMap<>();
        for (String name : List.of("p50", "p99", "p99.9", "max")) {
            ys.put(name, new ArrayList<>());
        }
        List<Double> xs = new ArrayList<>();
        for (HistogramFiles.Interval interval : intervals) {
            if (interval.count() == 0) {
                continue;
            }
            xs.add((interval.startSeconds() + interval.endSeconds()) / 2 - origin);
            ys.get("p50").add(floor(interval.p50Nanos()));
            ys.get("p99").add(floor(interval.p99Nanos()));
            ys.get("p99.9").add(floor(interval.p999Nanos()));
            ys.get("max").add(floor(interval.maxNanos()));
        }
        if (xs.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, List<Double>> series : ys.entrySet()) {
            chart.addSeries(series.getKey(), xs, series.getValue()).setMarker(SeriesMarkers.CIRCLE);
        }
        double min = ys.get("p50").stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double max = ys.get("max").stream().mapToDouble(Double::doubleValue).max().orElse(1);
        List<Double> jitterXs = new ArrayList<>();
        List<Double> jitterYs = new ArrayList<>();
        for (HistogramFiles.Interval interval : jitter) {
            if (interval.count() > 0) {
                jitterXs.add((interval.startSeconds() + interval.endSeconds()) / 2 - origin);
                jitterYs.add(floor(interval.maxNanos()));
                min = Math.min(min, jitterYs.getLast());
                max = Math.max(max, jitterYs.getLast());
            }
        }
        if (!jitterXs.isEmpty()) {
            XYSeries series = chart.addSeries(JITTER_SERIES, jitterXs, jitterYs);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineStyle(SeriesLines.DASH_DASH);
            series.setLineColor(JITTER_COLOR);
            chart.getStyler().setLegendPadding(6); // a fifth name still fits the small chart's one legend row
            chart.getStyler().setLegendSeriesLineLength(16);
        }
        chart.getStyler().setYAxisLogarithmic(true);
        decades(chart.getStyler(), min, max);
        chart.getStyler().setYAxisTickLabelsFormattingFunction(Charts::microsLabel);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        if (warmup > 0) {
            AnnotationLine start = new AnnotationLine(0, true, false);
            chart.addAnnotation(start);
        }
        return chart;
    }

    private static double floor(long nanos) {
        return Math.max(LOG_FLOOR_MICROS, nanos / 1000.0);
    }

    /** One line of a sweep chart: its name and, per category (parameter value), a value or null. */
    record Line(String name, List<Double> values) {
    }

    /**
     * A sweep figure against the swept parameter: one line per consumer (and per value of the other swept
     * keys), the parameter's values as evenly spaced categories in the order given.
     */
    static CategoryChart againstParameter(String title, String parameter, String yTitle, List<String> categories,
                                          List<Line> lines) {
        CategoryChart chart = new CategoryChart(SMALL_WIDTH, SMALL_HEIGHT + 40);
        chart.setTitle(title);
        chart.setXAxisTitle(parameter);
        chart.setYAxisTitle(yTitle);
        style(chart.getStyler());
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setOverlapped(true); // every line's point for a value at that value, not side by side
        chart.getStyler().setXAxisTickMarkSpacingHint(12); // a label for every value
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        for (Line line : lines) {
            CategorySeries series = chart.addSeries(line.name(), categories, line.values());
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /**
     * One trade-off point: interrupts per second (or another cost, see {@link #tradeOff(String, String, String, Map,
     * java.util.function.DoubleFunction)}), latency in µs, and the parameter value that produced it (empty: no label).
     */
    public record TradeOffPoint(double interruptsPerSecond, double micros, String label) {
    }

    /**
     * The trade-off a moderation setting makes: latency against interrupt rate, one curve per consumer, each
     * point labelled with its parameter value. A log x axis when the rates span more than a decade.
     */
    public static XYChart tradeOff(String title, String yTitle, Map<String, List<TradeOffPoint>> curves) {
        return tradeOff(title, "interrupts per second", yTitle, curves, Charts::rateLabel);
    }

    /**
     * The same trade-off against another cost on the x axis ({@code xTitle}, tick labels by {@code xLabel}), e.g.
     * CPU per packet; {@link TradeOffPoint#interruptsPerSecond()} then holds that cost.
     */
    public static XYChart tradeOff(String title, String xTitle, String yTitle, Map<String, List<TradeOffPoint>> curves,
                                   java.util.function.DoubleFunction<String> xLabel) {
        XYChart chart = xy(title, xTitle, yTitle, WIDTH, HEIGHT);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (List<TradeOffPoint> points : curves.values()) {
            for (TradeOffPoint p : points) {
                min = Math.min(min, p.interruptsPerSecond());
                max = Math.max(max, p.interruptsPerSecond());
            }
        }
        boolean log = min > 0 && max / min > 10;
        double yMax = curves.values().stream().flatMap(List::stream).mapToDouble(TradeOffPoint::micros).max().orElse(1);
        double lift = yMax * 0.03; // labels just above their points
        for (Map.Entry<String, List<TradeOffPoint>> curve : curves.entrySet()) {
            List<TradeOffPoint> points = curve.getValue().stream()
                    .sorted(java.util.Comparator.comparingDouble(TradeOffPoint::interruptsPerSecond)).toList();
            if (points.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(curve.getKey(), points.stream().map(TradeOffPoint::interruptsPerSecond)
                    .toList(), points.stream().map(TradeOffPoint::micros).toList());
            series.setMarker(SeriesMarkers.CIRCLE);
            for (TradeOffPoint p : points) {
                if (!p.label().isEmpty()) {
                    chart.addAnnotation(new AnnotationText(p.label(), p.interruptsPerSecond(), p.micros() + lift,
                            false));
                }
            }
        }
        chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        chart.getStyler().setAnnotationTextFontColor(new Color(0x444444));
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisLogarithmic(log);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setXAxisTickLabelsFormattingFunction(xLabel::apply);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        return chart;
    }

    /** @return {@code 500}, {@code 20k}, {@code 1.5M} */
    public static String rateLabel(double perSecond) {
        if (perSecond >= 1e6) {
            return trim(perSecond / 1e6) + "M";
        }
        if (perSecond >= 1e3) {
            return trim(Math.round(perSecond / 100) / 10.0) + "k";
        }
        return trim(Math.round(perSecond * 10) / 10.0);
    }

    /** @return {@code name}, or {@code name (2)} if taken: XChart refuses two series of one name */
    private static String unique(java.util.Collection<String> taken, String name) {
        String candidate = name;
        for (int i = 2; taken.contains(candidate); i++) {
            candidate = name + " (" + i + ")";
        }
        return candidate;
    }
}
