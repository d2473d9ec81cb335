package io.nicsim.bench.results;


import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep's results, as sweep.json and sweep.csv hold them: one row per point and consumer (a point runs every
 * consumer its scenario lists). Latencies are notification latency in nanoseconds; CPU per packet is the
 * consumer threads' CPU time over the measured window divided by the packets handled in it (see
 * {@link #CPU_NOTE}).
 *
 * @param scenario    the base scenario's name
 * @param interrupted whether the sweep was cut short (points not run are absent)
 * @param command     how it was started
 * @param parameters  the swept keys, in grid order (the first varies slowest)
 * @param points      how many points the grid has (rows may cover fewer if interrupted)
 * @param notes       what a reader should know about the columns
 * @param environment the machine
 * @param rows        one per point and consumer, in run order
 * @param cutShort    why nicsim stopped the sweep itself (a filesystem below its free-space floor; later points did not
 *                    start); absent otherwise
 */
public record Sweep(String scenario, boolean interrupted, String command, List<String> parameters, int points,
                    List<String> notes, Environment environment, List<Row> rows,
                    @com.fasterxml.jackson.annotation.JsonInclude(
                            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) CutShort cutShort) {

    /** A sweep nicsim did not cut short. */
    public Sweep(String scenario, boolean interrupted, String command, List<String> parameters, int points,
                 List<String> notes, Environment environment, List<Row> rows) {
        this(scenario, interrupted, command, parameters, points, notes, environment, rows, null);
    }

    public static final String JSON_FILE = "sweep.json";
    public static final String CSV_FILE = "sweep.csv";
    /** What the CPU column means. */
    public static final String CPU_NOTE = "consumer CPU per packet = CPU time of the consumer's threads (for virtual"
            + " threads their carriers) over the measured window / packets handled in it";

    /**
     * @param point              the point's index in the grid
     * @param folder             its run folder, relative to the sweep folder
     * @param parameters         swept key to value, as given on the command line
     * @param consumer           the run's consumer
     * @param policy             firmware policy
     * @param p50Nanos           notification latency p50 (p90, p99, p999 and max alike): the median over the run's
     *                           rounds, or its one run's ({@link RunResult#notificationFigure})
     * @param interruptsPerSecond interrupts raised per second of traffic
     * @param interrupted        whether this run's traffic was stopped early
     */
    public record Row(int point, String folder, Map<String, String> parameters, String consumer, String policy,
                      long p50Nanos, long p90Nanos, long p99Nanos, long p999Nanos, long maxNanos,
                      double interruptsPerSecond, long interrupts, long generated, long delivered, long dropped,
                      boolean interrupted, double consumerCpuNanosPerPacket) {

        public static Row of(int point, String folder, Map<String, String> parameters, RunResult run) {
            return new Row(point, folder, parameters, run.name(), run.policy(), run.notificationFigure("p50"),
                    run.notificationFigure("p90"), run.notificationFigure("p99"), run.notificationFigure("p999"),
                    run.notificationFigure("max"), Math.round(run.interruptsPerSecond() * 10) / 10.0, run.interrupts(),
                    run.packets().generated(), run.packets().delivered(), run.packets().dropped(), run.interrupted(),
                    run.costs() == null ? -1 : Math.round(run.costs().consumerCpuNanosPerPacket() * 10) / 10.0);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Writes sweep.json and sweep.csv into {@code dir}, each through a temporary file. */
    public void write(Path dir) throws IOException {
        byte[] json = JSON.writeValueAsBytes(this);
        AtomicFiles.write(dir.resolve(JSON_FILE), out -> out.write(json));
        byte[] csv = csv().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(CSV_FILE), out -> out.write(csv));
    }

    /** @throws UnusableFile one line naming the file, the place and what is wrong, for a file that is not a sweep */
    public static Sweep read(Path sweepJson) throws IOException {
        try {
            return JSON.readValue(sweepJson.toFile(), Sweep.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UnusableFile(SummaryCheck.describe(sweepJson, e), e);
        }
    }

    /** @return sweep.csv: a header, then one line per row */
    public String csv() {
        List<String> header = new ArrayList<>(List.of("point"));
        header.addAll(parameters);
        header.addAll(List.of("consumer", "policy", "p50_ns", "p90_ns", "p99_ns", "p999_ns", "max_ns",
                "interrupts_per_s", "consumer_cpu_ns_per_packet", "interrupts", "generated", "delivered", "drops",
                "interrupted", "folder"));
        StringWriter out = new StringWriter();
        out.write(String.join(",", header.stream().map(Sweep::cell).toList()));
        out.write('\n');
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(String.valueOf(row.point())));
            for (String parameter : parameters) {
                cells.add(cell(row.parameters().get(parameter)));
            }
            cells.addAll(List.of(cell(row.consumer()), cell(row.policy()), String.valueOf(row.p50Nanos()),
                    String.valueOf(row.p90Nanos()), String.valueOf(row.p99Nanos()), String.valueOf(row.p999Nanos()),
                    String.valueOf(row.maxNanos()), String.format(Locale.ROOT, "%.1f", row.interruptsPerSecond()),
                    row.consumerCpuNanosPerPacket() < 0 ? ""
                            : String.format(Locale.ROOT, "%.1f", row.consumerCpuNanosPerPacket()),
                    String.valueOf(row.interrupts()), String.valueOf(row.generated()), String.valueOf(row.delivered()),
                    String.valueOf(row.dropped()), String.valueOf(row.interrupted()), cell(row.folder())));
            out.write(String.join(",", cells));
            out.write('\n');
        }
        return out.toString();
    }

    /** RFC 4180 quoting where needed. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        return value.matches("[^\",\\r\\n]*") ? value : '"' + value.replace("\"", "\"\"") + '"';
    }


    /** @return {@code rxUsecs} for {@code firmware.rxUsecs} */
    public static String shortKey(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }
}
