package com.example.handler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the slow service a handler calls (a cache, a rate limiter, a fraud check): each lookup is answered
 * by the service's own thread after {@code answerNanos}, as a reply over the network arrives on an I/O thread. The
 * JVM's timers wake late by the OS's timer slack (50 us by default on Linux) and a thread's wake-up, so a 30 us answer
 * comes after about 95 us (measured on a 2-vCPU VM: p50 94 us, p99 380 us): nicsim's costs show it as the handler's
 * blocked time.
 */
public final class LookupService implements AutoCloseable {

    /** System property: how long the service takes to answer, microseconds (default {@value #DEFAULT_MICROS}). */
    public static final String ANSWER_MICROS_PROPERTY = "example.answerMicros";
    /** The default answer time, microseconds. */
    public static final long DEFAULT_MICROS = 30;

    private final ScheduledExecutorService replies = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lookup-service").daemon(true).factory());
    private final long answerNanos;

    /** @param answerNanos how long after a lookup its answer comes */
    public LookupService(long answerNanos) {
        this.answerNanos = answerNanos;
    }

    /** @return a service answering after {@value #ANSWER_MICROS_PROPERTY} microseconds */
    public static LookupService fromSystemProperty() {
        return new LookupService(TimeUnit.MICROSECONDS.toNanos(
                Long.getLong(ANSWER_MICROS_PROPERTY, DEFAULT_MICROS)));
    }

    /** @return the flow's score, completed by the service's thread after the answer time */
    public CompletableFuture<Long> lookup(FlowKey key) {
        CompletableFuture<Long> answer = new CompletableFuture<>();
        replies.schedule(() -> answer.complete(score(key)), answerNanos, TimeUnit.NANOSECONDS);
        return answer;
    }

    private static long score(FlowKey key) {
        return Integer.toUnsignedLong(key.sourceIp() * 31 + key.sourcePort()) % 100;
    }

    /** Stops answering: lookups not yet answered never are. */
    @Override
    public void close() {
        replies.shutdownNow();
    }
}
