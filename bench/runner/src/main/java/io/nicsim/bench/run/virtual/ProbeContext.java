package io.nicsim.bench.run.virtual;

import io.nicsim.handler.Completion;
import io.nicsim.handler.HandlerContext;
import io.nicsim.host.consumer.BusyPollConsumer;
import io.nicsim.host.consumer.EventLoopConsumer;
import io.nicsim.host.shape.EventLoopsConsumer;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What {@link HandlerProbe} tells the handler it opens: the consumer of the virtual run it measures for, one thread
 * (the probe calls from one), the system clock, and a timer thread of its own for {@link #completeAfter}.
 */
final class ProbeContext implements HandlerContext, AutoCloseable {

    private final String consumer;
    private final int queues;
    private ScheduledExecutorService timer;

    ProbeContext(String consumer, int queues) {
        this.consumer = consumer;
        this.queues = queues;
    }

    /** @return whether {@code consumer} calls the handler on an event loop, which a blocking call holds up */
    static boolean onEventLoop(String consumer) {
        return EventLoopConsumer.NAME.equals(consumer) || EventLoopsConsumer.EVENT_LOOPS.equals(consumer);
    }

    @Override
    public String consumer() {
        return consumer;
    }

    @Override
    public String waitsBy() {
        return BusyPollConsumer.NAME.equals(consumer) ? "spin" : onEventLoop(consumer) ? "loop" : "park";
    }

    @Override
    public boolean onEventLoop() {
        return onEventLoop(consumer);
    }

    /** @return 1: the probe calls the handler from one thread */
    @Override
    public int threads() {
        return 1;
    }

    @Override
    public int queues() {
        return queues;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public synchronized void completeAfter(long delayNanos, Completion completion) {
        if (timer == null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                    Thread.ofPlatform().name("nicsim-handler-probe-timer").daemon(true).factory());
            executor.setRemoveOnCancelPolicy(true);
            timer = executor;
        }
        timer.schedule(completion::complete, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /** Stops the timer thread, if one was started; completions still scheduled are dropped. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
