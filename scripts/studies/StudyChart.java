// Renders a study's chart with the project's XChart: one line per series from a CSV of x,series,y rows.
// Usage (from the repository root, JDK 25, single-file launch):
//   java -cp ~/.m2/repository/org/knowm/xchart/xchart/4.0.3/xchart-4.0.3.jar scripts/studies/StudyChart.java \
//       DATA.csv OUT.png "title" "x label" "y label" [logx] [logy]
// DATA.csv has a header line and then x,series,y (numbers for x and y). Series keep their first-seen order.

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

void main(String[] args) throws Exception {
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        if (f.length < 3 || f[2].isBlank()) {
            continue;
        }
        series.computeIfAbsent(f[1], k -> new ArrayList<>())
                .add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[2])});
    }
    XYChart chart = new XYChartBuilder().width(800).height(480).title(args[2]).xAxisTitle(args[3])
            .yAxisTitle(args[4]).build();
    List<String> flags = List.of(args).subList(5, args.length);
    chart.getStyler().setXAxisLogarithmic(flags.contains("logx"));
    chart.getStyler().setYAxisLogarithmic(flags.contains("logy"));
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    for (var e : series.entrySet()) {
        double[] x = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
        double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
        chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
    }
    // as the project's Charts.dataUri: paint at 2x with anti-aliasing, then ImageIO
    var image = new java.awt.image.BufferedImage(1600, 960, java.awt.image.BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
            java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.scale(2, 2);
    chart.paint(g, 800, 480);
    g.dispose();
    javax.imageio.ImageIO.write(image, "png", Path.of(args[1]).toFile());
}
