package io.nicsim.bench.send;

import io.nicsim.bench.cli.NicsimCli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nicsim send}: bad options give one error line and exit 2; a real send delivers the scheduled number of
 * datagrams, sized for the frame asked, numbered in order, from as many source ports as flows.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SendCommandTest {

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome send(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "send";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = NicsimCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(all);
        return new Outcome(code, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--rate|fast|error: --rate: expected a rate such as 50000, 50kpps or 1.5Mpps, found 'fast'",
            "--rate|0|error: --rate: expected a rate above 0",
            "--duration|2 hours|error: --duration: expected a duration",
            "--duration|0s|error: --duration: expected a duration above 0",
            "--port|0|error: --port: expected a port in [1, 65535], found 0",
            "--port|65536|error: --port: expected a port in [1, 65535], found 65536",
            "--bytes|32|error: --bytes: expected a frame size in [62, 65553], found 32",
            "--flows|0|error: --flows: expected a number in [1, 4096], found 0"})
    void badOptionsGiveOneLineAndExit2(String option, String value, String message) {
        Outcome outcome = send(option, value);

        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err().lines().toList()).hasSize(1).first().asString().startsWith(message);
        assertThat(outcome.out()).isEmpty();
    }

    @Tag("run")
    @Test
    void sendsTheScheduleFromOnePortPerFlow() throws Exception {
        try (DatagramChannel receiver = DatagramChannel.open()) {
            receiver.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) receiver.getLocalAddress()).getPort();

            Outcome outcome = send("--port", String.valueOf(port), "--rate", "20kpps", "--duration", "10ms",
                    "--bytes", "100", "--flows", "3");

            assertThat(outcome.code()).as(outcome.err()).isZero();
            assertThat(outcome.out()).contains("200 datagrams to 127.0.0.1:" + port).contains("sent 200 datagrams");
            receiver.configureBlocking(false);
            ByteBuffer buffer = ByteBuffer.allocate(2_048);
            Set<Integer> senders = new HashSet<>();
            for (long expected = 0; expected < 200; expected++) {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) receiver.receive(buffer);
                assertThat(from).as("datagram %d", expected).isNotNull();
                senders.add(from.getPort());
                assertThat(buffer.position()).as("payload of a 100-byte frame").isEqualTo(100 - 46);
                assertThat(buffer.getLong(0)).as("sequence number").isEqualTo(expected);
            }
            assertThat(senders).hasSize(3);
        }
    }
}
