package io.nicsim.bench.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One member of a nicsim cluster: a clustered Vert.x whose cluster manager is Hazelcast ({@link HazelcastSettings}),
 * its event bus listening on the same one address as its Hazelcast member port. Coordinators and workers are each
 * one node.
 */
public final class ClusterNode implements AutoCloseable {

    private static final String LOGGING_PROPERTY = "hazelcast.logging.type";
    /** How long a look at a named member's port may take. */
    private static final int PROBE_MILLIS = 500;
    /** How long leaving the cluster may take before the node is dropped anyway. */
    private static final long CLOSE_SECONDS = 10;

    private final ClusterOptions options;
    private final Vertx vertx;
    private final HazelcastClusterManager manager;
    private final MessageSeal seal;
    private final long joinMillis;

    private ClusterNode(ClusterOptions options, Vertx vertx, HazelcastClusterManager manager, long joinMillis) {
        this.options = options;
        this.vertx = vertx;
        this.manager = manager;
        this.seal = new MessageSeal(options.secret());
        this.joinMillis = joinMillis;
    }

    /**
     * Starts a node and joins the cluster of {@code options}' members (or forms one alone when none answers).
     *
     * @param joinTimeout how long the start and join may take
     * @throws ClusterException one line: the join took too long ({@link ClusterRefusal}: the address of --bind cannot
     *                          be listened on)
     */
    public static ClusterNode start(ClusterOptions options, Duration joinTimeout) throws ClusterException {
        checkBindable(options);
        if (System.getProperty(LOGGING_PROPERTY) == null) {
            // Hazelcast's first words (a warning about Java's module access) come before its config is read
            System.setProperty(LOGGING_PROPERTY, "slf4j");
        }
        HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastSettings.config(options));
        VertxOptions vertxOptions = new VertxOptions();
        vertxOptions.getEventBusOptions().setHost(options.bindHost()).setPort(0)
                .setClusterPublicHost(options.bindHost());
        long start = System.nanoTime();
        var future = Vertx.builder().with(vertxOptions).withClusterManager(manager).buildClustered()
                .toCompletionStage().toCompletableFuture();
        try {
            Vertx vertx = future.get(joinTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ClusterNode(options, vertx, manager, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (TimeoutException e) {
            future.thenAccept(Vertx::close);
            throw new ClusterException("could not join the cluster at " + String.join(",", options.members())
                    + " within " + joinTimeout.toSeconds() + " s (bound to " + options.bindHost() + ")");
        } catch (ExecutionException e) {
            throw new ClusterException("cannot start a cluster node on " + bindText(options) + ": "
                    + rootMessage(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.thenAccept(Vertx::close);
            throw new ClusterException("interrupted while joining the cluster", e);
        }
    }

    /**
     * Listens on the address of --bind for a moment before Hazelcast does, so that a port taken or an address of
     * another machine is one line, not Hazelcast's and Vert.x's stack traces.
     */
    private static void checkBindable(ClusterOptions options) throws ClusterRefusal {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(options.bindHost(), options.bindPort()));
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            throw new ClusterRefusal("--bind " + options.bindHost() + (options.bindPort() == 0 ? ""
                    : ":" + options.bindPort()) + ": cannot listen there (" + e.getMessage() + ")");
        }
    }

    private static String bindText(ClusterOptions options) {
        return options.bindHost() + (options.bindPort() == 0 ? " (a free port from " + ClusterOptions.FIRST_PORT
                + ")" : ":" + options.bindPort());
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** @return the Vert.x of this node (its event bus is the cluster's) */
    public Vertx vertx() {
        return vertx;
    }

    /** @return the options it joined with */
    public ClusterOptions options() {
        return options;
    }

    /** @return the signing of this cluster's messages */
    public MessageSeal seal() {
        return seal;
    }

    /** @return how long the start and join took, milliseconds */
    public long joinMillis() {
        return joinMillis;
    }

    /** @return the Hazelcast instance under it */
    public HazelcastInstance hazelcast() {
        return manager.getHazelcastInstance();
    }

    /** @return this member's id (the Hazelcast member's UUID) */
    public String memberId() {
        return hazelcast().getCluster().getLocalMember().getUuid().toString();
    }

    /** @return the address its member port listens on, {@code HOST:PORT} */
    public String address() {
        InetSocketAddress address = hazelcast().getCluster().getLocalMember().getSocketAddress();
        return address.getHostString() + ":" + address.getPort();
    }

    /** @return how many members the cluster has, this one included */
    public int members() {
        return hazelcast().getCluster().getMembers().size();
    }

    /**
     * @return the named members, other than this node, whose port accepts a connection: when this node is alone in
     *         its cluster although one does, that member's cluster has another name (another secret, or none)
     */
    public List<String> answeringMembers() {
        List<String> answering = new ArrayList<>();
        for (String member : options.members()) {
            int colon = member.lastIndexOf(':');
            String host = member.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(member.substring(colon + 1));
            InetSocketAddress target = new InetSocketAddress(host, port);
            if (target.isUnresolved() || isSelf(target)) {
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(target, PROBE_MILLIS);
                answering.add(member);
            } catch (IOException e) {
                // nobody listens there (yet)
            }
        }
        return answering;
    }

    /**
     * @throws ClusterRefusal when this node is alone in its cluster although a named member answers: that member's
     *                        cluster has another name (another secret, or none)
     */
    public void checkAdmitted() throws ClusterRefusal {
        if (members() > 1) {
            return;
        }
        List<String> answering = answeringMembers();
        if (!answering.isEmpty()) {
            throw new ClusterRefusal("the cluster at " + answering.getFirst() + " did not take this node: its nodes"
                    + " hold another secret (--secret-file), or none, or it is no nicsim node");
        }
    }

    private boolean isSelf(InetSocketAddress target) {
        InetSocketAddress self = hazelcast().getCluster().getLocalMember().getSocketAddress();
        return self.getPort() == target.getPort() && self.getAddress().equals(target.getAddress());
    }

    /**
     * Calls {@code onRemoved} (on a Hazelcast event thread) with the member id of every member that leaves or dies,
     * and {@code onAdded} with every member that joins.
     */
    public void onMembers(Consumer<String> onAdded, Consumer<String> onRemoved) {
        hazelcast().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                onAdded.accept(id(event.getMember()));
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                onRemoved.accept(id(event.getMember()));
            }
        });
    }

    private static String id(Member member) {
        return member.getUuid().toString();
    }

    /** Leaves the cluster and stops Vert.x, waiting a bounded time. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            HazelcastInstance hazelcast = manager.getHazelcastInstance();
            if (hazelcast != null) {
                hazelcast.getLifecycleService().terminate();
            }
        }
    }
}
