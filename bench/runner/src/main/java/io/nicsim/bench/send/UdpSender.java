package io.nicsim.bench.send;

import io.nicsim.nic.traffic.UdpSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Sends UDP datagrams at a constant rate, the traffic generator behind {@code nicsim send}: datagram {@code i} is
 * due {@code i / ratePerSecond} after the start (computed from the index, so pacing never drifts; a sender that
 * falls behind sends at once and catches up), round-robin over {@code flows} sockets, each its own source port and
 * so its own 5-tuple. Each payload holds the datagram's sequence number and send time ({@code System.nanoTime()},
 * big-endian) and is sized so the frame on an Ethernet wire is {@code frameBytes} ({@link UdpSource}'s reading).
 * Parks between datagrams more than {@value #SPIN_NANOS} ns apart and spins the rest: accurate pacing for a
 * fraction of a core at moderate rates.
 */
public final class UdpSender {

    /** Waits shorter than this are spun, longer ones parked until this close. */
    static final long SPIN_NANOS = 50_000;
    /** Sequence number and send time. */
    static final int HEADER_BYTES = 16;
    /** The largest UDP payload over IPv4. */
    static final int MAX_PAYLOAD_BYTES = 65_507;

    /**
     * What to send.
     *
     * @param host          destination address
     * @param port          destination port
     * @param ratePerSecond datagrams per second over all flows
     * @param durationNanos datagrams are due in {@code [0, durationNanos)}
     * @param frameBytes    Ethernet frame size each datagram stands for (payload = frameBytes - 46)
     * @param flows         sockets (source ports) to send from, round-robin
     */
    public record Options(String host, int port, double ratePerSecond, long durationNanos, int frameBytes, int flows) {

        /** Smallest frame: a payload with the header. */
        public static final int MIN_FRAME_BYTES = HEADER_BYTES + UdpSource.FRAME_OVERHEAD_BYTES;
        public static final int MAX_FRAME_BYTES = MAX_PAYLOAD_BYTES + UdpSource.FRAME_OVERHEAD_BYTES;
        public static final int MAX_FLOWS = 4_096;

        /** @throws IllegalArgumentException naming the option */
        public Options {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("--port: expected a port in [1, 65535], found " + port);
            }
            if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
                throw new IllegalArgumentException("--rate: expected a rate above 0, found " + ratePerSecond);
            }
            if (durationNanos <= 0) {
                throw new IllegalArgumentException("--duration: expected a duration above 0");
            }
            if (frameBytes < MIN_FRAME_BYTES || frameBytes > MAX_FRAME_BYTES) {
                throw new IllegalArgumentException("--bytes: expected a frame size in [" + MIN_FRAME_BYTES + ", "
                        + MAX_FRAME_BYTES + "], found " + frameBytes);
            }
            if (flows < 1 || flows > MAX_FLOWS) {
                throw new IllegalArgumentException("--flows: expected a number in [1, " + MAX_FLOWS + "], found "
                        + flows);
            }
        }

        /** @return datagrams the schedule holds */
        public long scheduled() {
            return (long) Math.ceil(durationNanos * ratePerSecond / 1e9);
        }
    }

    /**
     * What was sent.
     *
     * @param sent          datagrams handed to the kernel
     * @param elapsedNanos  from the first due time to the last send
     * @param maxBehindNanos the most a datagram was sent after its due time
     * @param stopped       whether the stop condition ended the schedule early
     */
    public record Result(long sent, long elapsedNanos, long maxBehindNanos, boolean stopped) {
    }

    private UdpSender() {
    }

    /**
     * Sends the whole schedule (or until {@code stop} says so, checked between datagrams).
     *
     * @throws IOException if a socket cannot be opened or a send fails
     */
    public static Result send(Options options, BooleanSupplier stop) throws IOException {
        InetSocketAddress target = new InetSocketAddress(options.host(), options.port());
        if (target.isUnresolved()) {
            throw new IOException("cannot resolve host " + options.host());
        }
        DatagramChannel[] channels = new DatagramChannel[options.flows()];
        try {
            for (int i = 0; i < channels.length; i++) {
                channels[i] = DatagramChannel.open();
                channels[i].bind(null);
            }
            ByteBuffer payload = ByteBuffer.allocateDirect(options.frameBytes() - UdpSource.FRAME_OVERHEAD_BYTES);
            long count = options.scheduled();
            long maxBehind = 0;
            long startNanos = System.nanoTime();
            long lastNanos = startNanos;
            long i = 0;
            for (; i < count; i++) {
                if (stop.getAsBoolean()) {
                    break;
                }
                long due = startNanos + (long) (i * 1e9 / options.ratePerSecond());
                long now = waitUntil(due);
                maxBehind = Math.max(maxBehind, now - due);
                payload.clear();
                payload.putLong(0, i).putLong(8, now);
                channels[(int) (i % channels.length)].send(payload, target);
                lastNanos = System.nanoTime();
            }
            return new Result(i, lastNanos - startNanos, maxBehind, i < count);
        } finally {
            for (DatagramChannel channel : channels) {
                if (channel != null) {
                    channel.close();
                }
            }
        }
    }

    /** @return the time once {@code due} has come */
    private static long waitUntil(long due) {
        long now = System.nanoTime();
        while (now < due) {
            long remaining = due - now;
            if (remaining > SPIN_NANOS) {
                LockSupport.parkNanos(remaining - SPIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
            now = System.nanoTime();
        }
        return now;
    }
}
