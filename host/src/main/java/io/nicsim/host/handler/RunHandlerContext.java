package io.nicsim.host.handler;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.handler.Completion;
import io.nicsim.handler.HandlerContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@link HandlerContext} of one run: the consumer's setting, the run's clock, and
 * {@link #completeAfter(long, Completion)}: a Vert.x timer (nanosecond delay) on the calling context when called on a
 * Vert.x context (an event loop, a virtual-thread verticle: the loop is free meanwhile and the completion runs on it),
 * else one daemon scheduler thread of the run's, started on first use and stopped at {@link #close()}. Each timer is a
 * scheduled task of Netty's or of the JDK's: that allocation is the timer's, part of what waiting this way costs.
 * Also what the virtual-time handler probe tells the handler it opens.
 */
public final class RunHandlerContext implements HandlerContext {

    private final HandlerSetting setting;
    private final NanoClock clock;
    private ScheduledThreadPoolExecutor scheduler;
    private boolean closed;

    /** @param setting where the handler is called; @param clock the run's clock */
    public RunHandlerContext(HandlerSetting setting, NanoClock clock) {
        this.setting = setting;
        this.clock = clock;
    }

    @Override
    public String consumer() {
        return setting.consumer();
    }

    @Override
    public String waitsBy() {
        return setting.mode().waitsBy();
    }

    @Override
    public boolean onEventLoop() {
        return setting.mode().onEventLoop();
    }

    @Override
    public int threads() {
        return setting.threads();
    }

    @Override
    public int queues() {
        return setting.queues();
    }

    @Override
    public long nanoTime() {
        return clock.nanoTime();
    }

    @Override
    public void completeAfter(long delayNanos, Completion completion) {
        if (delayNanos <= 0) {
            completion.complete();
            return;
        }
        Context context = Vertx.currentContext();
        if (context != null) {
            context.owner().timer(delayNanos, TimeUnit.NANOSECONDS).onComplete(
                    completion instanceof HandlerCall.CallCompletion own ? own : ignored -> completion.complete());
            return;
        }
        ScheduledThreadPoolExecutor timer = scheduler();
        if (timer == null) {
            return; // the run is over: the packet was given up on already
        }
        timer.schedule(completion instanceof HandlerCall.CallCompletion own ? own : completion::complete, delayNanos,
                TimeUnit.NANOSECONDS);
    }

    private synchronized ScheduledThreadPoolExecutor scheduler() {
        if (scheduler == null && !closed) {
            scheduler = new ScheduledThreadPoolExecutor(1,
                    Thread.ofPlatform().daemon(true).name("nicsim-handler-timer").factory());
            scheduler.setRemoveOnCancelPolicy(true);
        }
        return scheduler;
    }

    /** Stops the scheduler thread, if one started; completions still scheduled never run. */
    public synchronized void close() {
        closed = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
