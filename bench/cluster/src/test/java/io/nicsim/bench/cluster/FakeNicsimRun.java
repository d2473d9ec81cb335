package io.nicsim.bench.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for nicsim's command line in {@link ChildJvmRunnerTest}'s child JVMs: {@code run SCENARIO --out DIR
 * ... --command=TEXT} writes a {@link TinyRunFolder} recording TEXT; with {@code --duration forever} it then waits to
 * be stopped; with {@code --duration fail} it prints a line and exits 1.
 */
public final class FakeNicsimRun {

    private FakeNicsimRun() {
    }

    public static void main(String[] args) throws Exception {
        List<String> list = List.of(args);
        Path out = Path.of(list.get(list.indexOf("--out") + 1));
        String command = list.stream().filter(a -> a.startsWith("--command=")).findFirst().orElseThrow()
                .substring("--command=".length());
        String duration = list.contains("--duration") ? list.get(list.indexOf("--duration") + 1) : "";
        System.out.println("fake nicsim " + String.join(" ", args));
        if (duration.equals("fail")) {
            System.out.println("error: the fake run failed");
            System.exit(1);
        }
        TinyRunFolder.write(out, command);
        if (duration.equals("forever")) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
