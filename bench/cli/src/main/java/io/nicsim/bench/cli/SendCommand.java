package io.nicsim.bench.cli;

import io.nicsim.bench.scenario.Units;
import io.nicsim.bench.send.UdpSender;
import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.UdpSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code nicsim send}: UDP datagrams at a rate, for a run whose traffic is {@code udp}. */
@Command(name = "send", mixinStandardHelpOptions = true, description = {
        "Send UDP datagrams at a constant rate to a run whose traffic.kind is udp.",
        "Any program that sends UDP to 127.0.0.1:PORT drives such a run too; this one prints how many it sent."})
public final class SendCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + TrafficConfig.DEFAULT_UDP_PORT,
            description = "destination port, the run's traffic.udpPort (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = UdpSource.HOST,
            description = "destination address (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--rate", paramLabel = "RATE", defaultValue = "10kpps",
            description = "datagrams per second, e.g. 10000, 50kpps (default: ${DEFAULT-VALUE})")
    String rate;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "2s",
            description = "how long to send, e.g. 500ms, 2s (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--bytes", paramLabel = "N", defaultValue = "64",
            description = "Ethernet frame size each datagram stands for; the payload is N - 46 bytes (default:"
                    + " ${DEFAULT-VALUE})")
    int frameBytes;

    @Option(names = "--flows", paramLabel = "N", defaultValue = "1",
            description = "source ports (5-tuples) to send from, round-robin (default: ${DEFAULT-VALUE})")
    int flows;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws BadInput, IOException {
        PrintWriter out = spec.commandLine().getOut();
        UdpSender.Options options;
        try {
            double ratePerSecond;
            try {
                ratePerSecond = Units.parseRatePerSecond(rate);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--rate: " + e.getMessage(), e);
            }
            long durationNanos;
            try {
                durationNanos = Units.parseDurationNanos(duration);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--duration: " + e.getMessage(), e);
            }
            options = new UdpSender.Options(host, port, ratePerSecond, durationNanos, frameBytes, flows);
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage(), e);
        }
        out.printf("nicsim send: %,d datagrams to %s:%d at %s pps for %s, %d-byte frames, %d flow%s%n",
                options.scheduled(), host, port, RunCommand.fmtRate(options.ratePerSecond()),
                Units.formatDuration(options.durationNanos()), frameBytes, flows, flows == 1 ? "" : "s");
        out.flush();
        try {
            UdpSender.Result result = UdpSender.send(options, () -> false);
            out.printf("sent %,d datagrams in %.3f s (%,.0f pps); at most %.1f us behind schedule%n", result.sent(),
                    result.elapsedNanos() / 1e9, result.sent() * 1e9 / Math.max(1, result.elapsedNanos()),
                    result.maxBehindNanos() / 1e3);
            out.flush();
            return ExitCodes.OK;
        } catch (IOException | RuntimeException e) {
            throw new IOException("sending to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }
}
