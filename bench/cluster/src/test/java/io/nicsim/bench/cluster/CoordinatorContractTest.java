package io.nicsim.bench.cluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Coordinator} keeps the {@link Dispatcher} contract the studies are tested against: a real clustered
 * coordinator on loopback and one real worker whose runner writes a tiny run folder ({@link FakeRunner}).
 */
@Tag("run")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CoordinatorContractTest extends DispatcherContract {

    private static final Duration JOIN = Duration.ofSeconds(30);
    private static final Timing FAST = new Timing(200, 2_000, 500, 1_000);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    @Override
    protected Dispatcher dispatcher(DispatchListener listener) throws Exception {
        byte[] secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16))
                .getBytes(StandardCharsets.UTF_8); // a cluster of this test's own
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ClusterNode coordinatorNode = ClusterNode.start(new ClusterOptions(List.of("127.0.0.1:" + port), "127.0.0.1",
                port, secret), JOIN);
        open.add(coordinatorNode);
        Coordinator coordinator = Coordinator.start(coordinatorNode, false, listener, FAST);
        open.add(coordinator);
        ClusterNode workerNode = ClusterNode.start(new ClusterOptions(List.of(coordinatorNode.address()), "127.0.0.1",
                0, secret), JOIN);
        open.add(workerNode);
        Worker worker = Worker.start(workerNode, new FakeRunner(), new Worker.Settings("w0", NicsimVersion.current(),
                1, 2, Files.createDirectories(dir.resolve("work")), FAST), line -> { });
        open.add(() -> {
            worker.shutdown("the test ended");
            worker.ended().handle((done, error) -> done).get(30, TimeUnit.SECONDS);
        });
        return coordinator;
    }
}
