package io.nicsim.host.handler;

import io.nicsim.handler.AsyncPacketHandler;
import io.nicsim.handler.Completion;
import io.nicsim.handler.HandlerContext;
import io.nicsim.handler.PacketHandler;
import io.nicsim.host.cost.HandlerCosts;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.Packet;
import io.nicsim.host.measure.Stage;
import io.nicsim.nic.traffic.SyntheticFlows;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adapter's contract on one thread, with a clock the test moves: which interface each call mode calls, the handled
 * stamp (the return, or the completion), a failure (thrown, or through the completion) counted as an error and not
 * recorded, the slots of an event loop going back when their packets complete, the run's end giving up on packets
 * still in the handler and ignoring their late completions, the lifecycle, and a user's handler metered while the
 * built-in model is not.
 */
class HandlingTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LatencyRecorder recorder = new LatencyRecorder(0, 1, io.nicsim.host.measure.PacketStampSink.NONE,
            true);

    private Handling handling(Object handler, CallMode mode) {
        return new Handling((io.nicsim.handler.HandlerLifecycle) handler, new HandlerSetting("test", mode, 1, 1),
                recorder, now::get, SyntheticFlows.INSTANCE);
    }

    private static Packet packet(long id) {
        Packet packet = new Packet();
        packet.packetId = id;
        packet.intendedNanos = 1_000_000;
        packet.injectedNanos = 1_000_000;
        packet.detectedNanos = 1_000_000;
        packet.writtenNanos = 1_000_000;
        packet.writtenBackNanos = 1_000_000;
        packet.raisedNanos = 1_000_000;
        packet.deliveredNanos = 1_000_000;
        packet.frameBytes = 64;
        return packet;
    }

    /** Sync: takes 5 us of the test's clock per packet, throws on ids divisible by 10, reads each packet's id. */
    final class Sync implements PacketHandler {
        final List<Long> ids = new ArrayList<>();
        HandlerContext context;
        boolean closed;

        @Override
        public void open(HandlerContext handlerContext) {
            this.context = handlerContext;
        }

        @Override
        public void handle(io.nicsim.handler.Packet p) {
            ids.add(p.bytes().getLong(42));
            now.addAndGet(5_000);
            if (p.id() % 10 == 0) {
                throw new IllegalStateException("bad packet " + p.id());
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Async-only: keeps each completion for the test to complete or fail. */
    static final class Async implements AsyncPacketHandler {
        final List<Completion> pending = new ArrayList<>();
        final List<Long> ids = new ArrayList<>();

        @Override
        public void handle(io.nicsim.handler.Packet p, Completion completion) {
            ids.add(p.id());
            pending.add(completion);
        }
    }

    @Test
    void aSyncHandlerIsHandledWhenItReturnsAndAFailureIsCountedNotRecorded() {
        Sync sync = new Sync();
        Handling handling = handling(sync, CallMode.PARK);
        handling.open();
        assertThat(sync.context.consumer()).isEqualTo("test");
        HandlerCall call = handling.newCall();
        handling.handle(call, packet(1), 1_000_000);
        handling.handle(call, packet(10), 1_000_000);
        handling.handle(call, packet(11), 1_000_000);
        assertThat(sync.ids).as("each packet's own bytes").containsExactly(1L, 10L, 11L);
        assertThat(recorder.packetsHandled()).isEqualTo(2);
        assertThat(recorder.stage(Stage.HANDLE).getMaxValue()).as("handled when it returned: 5 us, then 15 us after"
                + " the wake-up").isBetween(14_900L, 15_100L);
        assertThat(handling.faults().errors()).isEqualTo(1);
        assertThat(handling.faults().firstError()).isEqualTo("IllegalStateException: bad packet 10");
        assertThat(handling.kind()).isEqualTo(HandlerCosts.SYNC);
        handling.close();
        assertThat(sync.closed).isTrue();
    }

    @Test
    void anAsyncOnlyHandlerOnAThreadIsWaitedForItsCompletionWhichStampsTheHandledTime() {
        AsyncPacketHandler inline = (p, completion) -> {
            now.addAndGet(7_000);
            if (p.id() == 2) {
                completion.fail(new java.io.IOException("refused"));
            } else {
                completion.complete();
            }
            now.addAndGet(1_000); // after its completion: not in the handled stamp
        };
        Handling handling = handling(inline, CallMode.PARK);
        HandlerCall call = handling.newCall();
        handling.handle(call, packet(1), 1_000_000);
        handling.handle(call, packet(2), 1_008_000);
        assertThat(recorder.packetsHandled()).isEqualTo(1);
        assertThat(recorder.stage(Stage.HANDLE).getMaxValue()).isBetween(6_900L, 7_100L);
        assertThat(handling.faults().firstError()).isEqualTo("IOException: refused");
        assertThat(handling.kind()).isEqualTo(HandlerCosts.ASYNC);
    }

    @Test
    void anEventLoopStartsAsyncCallsInSlotsThatGoBackWhenTheyCompleteInAnyOrder() {
        Async async = new Async();
        Handling handling = handling(async, CallMode.LOOP);
        assertThat(handling.asyncOnLoop()).isTrue();
        AtomicLong freed = new AtomicLong();
        CallPool slots = handling.newPool(2, freed::incrementAndGet);
        for (long id = 1; id <= 2; id++) {
            HandlerCall slot = slots.acquire();
            slot.holder().set(packet(id));
            handling.start(slot, 1_000_000);
        }
        assertThat(slots.acquire()).as("both slots in flight").isNull();
        now.addAndGet(20_000);
        async.pending.get(1).complete();
        async.pending.get(0).fail(new IllegalArgumentException("no"));
        assertThat(freed).hasValue(2);
        assertThat(slots.free()).isEqualTo(2);
        assertThat(recorder.packetsHandled()).isEqualTo(1);
        assertThat(recorder.stage(Stage.HANDLE).getMaxValue()).isBetween(19_900L, 20_100L);
        assertThat(handling.faults().errors()).isEqualTo(1);
        async.pending.get(1).complete();
        assertThat(recorder.packetsHandled()).as("a second completion changes nothing").isEqualTo(1);
    }

    @Test
    void aSyncOnlyHandlerRunsInlineOnAnEventLoop() {
        Sync sync = new Sync();
        Handling handling = handling(sync, CallMode.LOOP);
        assertThat(handling.asyncOnLoop()).isFalse();
        handling.handle(handling.newCall(), packet(3), 1_000_000);
        assertThat(recorder.packetsHandled()).isEqualTo(1);
    }

    @Test
    void theRunsEndGivesUpOnPendingCompletionsAndIgnoresThemWhenTheyCome() {
        Async async = new Async();
        Handling handling = handling(async, CallMode.LOOP);
        CallPool slots = handling.newPool(4, () -> { });
        HandlerCall slot = slots.acquire();
        slot.holder().set(packet(1));
        handling.start(slot, 1_000_000);
        handling.endRun();
        assertThat(handling.faults().timeouts()).isEqualTo(1);
        assertThat(handling.faults().stuck()).containsExactly("1 completion never came");
        assertThat(handling.anyThreadStuck()).as("no thread is inside it").isFalse();
        async.pending.getFirst().complete();
        assertThat(recorder.packetsHandled()).isZero();
        HandlerCall next = slots.acquire();
        next.holder().set(packet(2));
        handling.start(next, 1_000_000);
        assertThat(async.ids).as("no packet reaches the handler after the end").containsExactly(1L);
    }

    @Test
    void aUsersHandlerIsMeteredPerCallAndTheModelIsNot() {
        PacketHandler allocating = p -> {
            byte[] garbage = new byte[1_000];
            garbage[p.flow()] = 1;
            now.addAndGet(2_000);
        };
        Handling handling = handling(allocating, CallMode.PARK);
        HandlerCall call = handling.newCall();
        handling.handle(call, packet(0), 1_000_000); // before the window: not counted
        handling.openCosts();
        for (int id = 1; id <= 64; id++) {
            handling.handle(call, packet(id), now.get());
        }
        now.addAndGet(1_000_000_000L - 64 * 2_000);
        HandlerCosts costs = handling.closeCosts();
        assertThat(costs.className()).isEqualTo(allocating.getClass().getName());
        assertThat(costs.calls()).isEqualTo(64);
        assertThat(costs.allocatedBytesPerPacket()).as("a 1,000-byte array each").isBetween(1_000.0, 1_100.0);
        assertThat(costs.allocatedBytesPerSecond()).as("over the window's second").isBetween(64_000.0, 70_400.0);
        assertThat(costs.cpuNanosPerPacket()).isNotNaN().isNotNegative();
        assertThat(costs.blockedNanosPerPacket()).as("2 us of wall time less its CPU").isBetween(0.0, 2_000.0);
        assertThat(costs.cpuSampledEvery()).isEqualTo(ThreadMeter.CPU_SAMPLE_EVERY);
        assertThat(costs.measuredBy()).isEqualTo(HandlerCosts.BY_RUN);

        Handling model = Handling.model(0, 0, new HandlerSetting("busy-poll", CallMode.SPIN, 1, 1), recorder, now::get,
                SyntheticFlows.INSTANCE);
        model.openCosts();
        model.handle(model.newCall(), packet(1), now.get());
        assertThat(model.closeCosts()).isNull();
        assertThat(model.userHandler()).isFalse();
    }

    @Test
    void theBufferAViewMakesForItsFirstBytesIsNotTheHandlersAllocation() {
        PacketHandler reader = p -> p.bytes().getLong(42);
        Handling handling = handling(reader, CallMode.PARK);
        CallPool fresh = handling.newPool(64, () -> { });
        handling.openCosts();
        for (int i = 0; i < fresh.capacity(); i++) {
            HandlerCall slot = fresh.acquire();
            slot.holder().set(packet(i));
            handling.handle(slot, slot.holder(), now.get());
        }
        HandlerCosts costs = handling.closeCosts();
        assertThat(costs.calls()).isEqualTo(64);
        assertThat(costs.allocatedBytesPerPacket()).as("each slot's first bytes() made its buffer").isZero();
    }

    @Test
    void anOpenThatThrowsFailsTheRunInOneLineAndACloseThatThrowsIsReported() {
        PacketHandler failing = new PacketHandler() {
            @Override
            public void open(HandlerContext context) {
                throw new IllegalStateException("no config\nat all");
            }

            @Override
            public void handle(io.nicsim.handler.Packet packet) {
            }

            @Override
            public void close() throws Exception {
                throw new java.io.IOException("flush failed");
            }
        };
        Handling handling = handling(failing, CallMode.PARK);
        assertThatThrownBy(handling::open).isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith(".open failed: IllegalStateException: no config at all");
        handling.close();
        assertThat(handling.faults().closeError()).isEqualTo("IOException: flush failed");
    }

    @Test
    void theContextTellsTheSettingAndTheClock() {
        Sync sync = new Sync();
        Handling handling = new Handling(sync, new HandlerSetting("event-loops", CallMode.LOOP, 4, 2), recorder,
                now::get, SyntheticFlows.INSTANCE);
        handling.open();
        HandlerContext context = sync.context;
        assertThat(context.consumer()).isEqualTo("event-loops");
        assertThat(context.waitsBy()).isEqualTo("loop");
        assertThat(context.onEventLoop()).isTrue();
        assertThat(context.threads()).isEqualTo(4);
        assertThat(context.queues()).isEqualTo(2);
        assertThat(context.nanoTime()).isEqualTo(now.get());
        boolean[] completed = new boolean[1];
        context.completeAfter(0, new Completion() {
            @Override
            public void complete() {
                completed[0] = true;
            }

            @Override
            public void fail(Throwable error) {
            }
        });
        assertThat(completed[0]).as("no delay: completed at once, on the caller's thread").isTrue();
        assertThat(CallMode.SPIN.waitsBy()).isEqualTo("spin");
        assertThat(CallMode.PARK.onEventLoop()).isFalse();
        assertThat(CallMode.VERTICLE.waitsBy()).isEqualTo("park");
    }
}
