package io.nicsim.host.handler;

import io.nicsim.handler.AsyncPacketHandler;
import io.nicsim.handler.Completion;
import io.nicsim.handler.HandlerContext;
import io.nicsim.handler.PacketHandler;
import io.nicsim.host.consumer.StopWait;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.Packet;
import io.nicsim.host.measure.PacketStampSink;
import io.nicsim.nic.traffic.SyntheticFlows;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter's contract across threads, stopping on events, never on wall-clock sleeps: a thread waits for an
 * async-only handler's completion that comes on another thread (parked, or spinning), {@link
 * HandlerContext#completeAfter} completes on the run's timer thread or on the calling Vert.x context, a thread stuck
 * in a sync handler is given up on at the run's end with its frame in the handler and does not hold up a consumer's
 * stop, and a pool's slots go out exactly once while many threads give them back.
 */
@Tag("run")
@Timeout(60)
class HandlingThreadsTest {

    private final LatencyRecorder recorder = new LatencyRecorder(0, 1, PacketStampSink.NONE, true);

    private Handling handling(io.nicsim.handler.HandlerLifecycle handler, CallMode mode) {
        Handling handling = new Handling(handler, new HandlerSetting("test", mode, 1, 1), recorder, System::nanoTime,
                SyntheticFlows.INSTANCE);
        handling.open();
        return handling;
    }

    private static Packet packet(long id) {
        Packet packet = new Packet();
        packet.packetId = id;
        long now = System.nanoTime();
        packet.intendedNanos = now;
        packet.injectedNanos = now;
        packet.writtenNanos = now;
        packet.writtenBackNanos = now;
        packet.raisedNanos = now;
        packet.deliveredNanos = now;
        return packet;
    }

    /** Completes each packet 200 us later, through the context's timer. */
    static final class Later implements AsyncPacketHandler {
        HandlerContext context;
        final AtomicReference<Thread> completedOn = new AtomicReference<>();

        @Override
        public void open(HandlerContext handlerContext) {
            this.context = handlerContext;
        }

        @Override
        public void handle(io.nicsim.handler.Packet packet, Completion completion) {
            context.completeAfter(200_000, new Completion() {
                @Override
                public void complete() {
                    completedOn.set(Thread.currentThread());
                    completion.complete();
                }

                @Override
                public void fail(Throwable error) {
                    completion.fail(error);
                }
            });
        }
    }

    @Test
    void aThreadParksOrSpinsUntilTheCompletionComesOnTheTimerThread() {
        for (CallMode mode : new CallMode[] {CallMode.PARK, CallMode.SPIN}) {
            Later later = new Later();
            Handling handling = handling(later, mode);
            long before = recorder.packetsHandled();
            long startNanos = System.nanoTime();
            handling.handle(handling.newCall(), packet(1), startNanos);
            assertThat(recorder.packetsHandled()).as(mode + ": recorded when its completion came")
                    .isEqualTo(before + 1);
            assertThat(System.nanoTime() - startNanos).as("waited for it").isGreaterThanOrEqualTo(200_000);
            assertThat(later.completedOn.get().getName()).isEqualTo("nicsim-handler-timer");
            handling.close();
        }
    }

    @Test
    void completeAfterOnAVertxContextCompletesOnThatContextsThread() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Later later = new Later();
            Handling handling = handling(later, CallMode.LOOP);
            CallPool slots = handling.newPool(4, () -> { });
            CompletableFuture<Thread> loop = new CompletableFuture<>();
            vertx.getOrCreateContext().runOnContext(ignored -> {
                HandlerCall slot = slots.acquire();
                slot.holder().set(packet(1));
                handling.start(slot, System.nanoTime());
                loop.complete(Thread.currentThread());
            });
            Thread loopThread = loop.get(10, TimeUnit.SECONDS);
            while (slots.free() < 4) {
                Thread.onSpinWait();
            }
            assertThat(later.completedOn.get()).isSameAs(loopThread);
            assertThat(recorder.packetsHandled()).isEqualTo(1);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Blocks on the packet with id 1 until closed, ignoring interrupts. */
    static final class Stuck implements PacketHandler {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);

        @Override
        public void handle(io.nicsim.handler.Packet packet) {
            if (packet.id() == 1) {
                inside.countDown();
                while (released.getCount() > 0) {
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        // stuck means stuck
                    }
                }
            }
        }

        @Override
        public void close() {
            released.countDown();
        }
    }

    @Test
    void aThreadStuckInTheHandlerIsGivenUpOnAtTheEndAndDoesNotHoldUpTheStop() throws Exception {
        Stuck stuck = new Stuck();
        Handling handling = handling(stuck, CallMode.PARK);
        Thread thread = Thread.ofPlatform().name("stuck-consumer").daemon(true).start(() -> {
            HandlerCall call = handling.newCall();
            handling.handle(call, packet(1), System.nanoTime());
            handling.handle(call, packet(2), System.nanoTime());
        });
        stuck.inside.await();
        handling.endRun();
        assertThat(handling.faults().timeouts()).isEqualTo(1);
        assertThat(handling.anyThreadStuck()).isTrue();
        assertThat(handling.faults().stuck()).singleElement().asString()
                .startsWith("stuck-consumer at " + Stuck.class.getName() + ".handle(HandlingThreadsTest.java:");
        long stopNanos = System.nanoTime();
        StopWait.join(handling, thread);
        assertThat(System.nanoTime() - stopNanos).as("bounded: grace, interrupt, grace")
                .isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(thread.isAlive()).as("left running").isTrue();
        handling.close();
        thread.join();
        assertThat(recorder.packetsHandled()).as("neither the stuck packet nor any after the end").isZero();
    }

    @Test
    void aPoolHandsEachSlotOutOnceWhileManyThreadsGiveThemBack() throws Exception {
        Handling handling = handling((PacketHandler) p -> { }, CallMode.LOOP);
        AtomicInteger freed = new AtomicInteger();
        CallPool pool = handling.newPool(8, freed::incrementAndGet);
        int rounds = 50_000;
        java.util.concurrent.atomic.AtomicIntegerArray out = new java.util.concurrent.atomic.AtomicIntegerArray(8);
        java.util.concurrent.BlockingQueue<HandlerCall> taken = new java.util.concurrent.ArrayBlockingQueue<>(8);
        Thread[] givers = new Thread[3];
        for (int g = 0; g < givers.length; g++) {
            givers[g] = Thread.ofPlatform().start(() -> {
                try {
                    while (true) {
                        HandlerCall call = taken.take();
                        out.set(call.index(), 0);
                        pool.release(call);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        int twice = 0;
        for (int i = 0; i < rounds; i++) {
            HandlerCall call;
            while ((call = pool.acquire()) == null) {
                Thread.onSpinWait();
            }
            twice += out.getAndSet(call.index(), 1);
            taken.put(call);
        }
        while (freed.get() < rounds) {
            Thread.onSpinWait();
        }
        for (Thread giver : givers) {
            giver.interrupt();
            giver.join();
        }
        assertThat(twice).as("slots handed out while out").isZero();
        assertThat(pool.free()).isEqualTo(8);
    }
}
