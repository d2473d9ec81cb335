package io.nicsim.host.consumer;

import io.nicsim.host.dispatch.EventLoopsConsumer;
import io.nicsim.host.dispatch.FlowThreadsConsumer;
import io.nicsim.host.dispatch.PoolConsumer;
import io.nicsim.host.dispatch.VirtualPerPacketConsumer;

import java.util.List;

/** Creates consumers by the names used in scenario files. */
public final class Consumers {

    /** The four base consumers, each one thread that drains the ring itself, in the default study's order. */
    public static final List<String> BASE = List.of(
            BusyPollConsumer.NAME, ParkingConsumer.PLATFORM, ParkingConsumer.VIRTUAL, EventLoopConsumer.NAME);

    /** Shapes whose driver hands packets to other threads (a thread per flow, a pool, many loops). */
    public static final List<String> DISPATCHING = List.of(
            FlowThreadsConsumer.PLATFORM, PoolConsumer.NAME, FlowThreadsConsumer.VIRTUAL,
            VirtualPerPacketConsumer.NAME, EventLoopsConsumer.EVENT_LOOPS, EventLoopsConsumer.VIRTUAL_VERTICLES);

    /** Every consumer name. */
    public static final List<String> NAMES = java.util.stream.Stream.concat(BASE.stream(), DISPATCHING.stream()).toList();

    /** @return whether the consumer records packets from more than one thread at once */
    public static boolean recordsFromManyThreads(String name) {
        return DISPATCHING.contains(name);
    }

    private Consumers() {
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static Consumer create(String name, ConsumerContext context) {
        return switch (name) {
            case BusyPollConsumer.NAME -> new BusyPollConsumer(context);
            case ParkingConsumer.PLATFORM -> ParkingConsumer.platform(context);
            case ParkingConsumer.VIRTUAL -> ParkingConsumer.virtual(context);
            case EventLoopConsumer.NAME -> new EventLoopConsumer(context);
            case FlowThreadsConsumer.PLATFORM -> FlowThreadsConsumer.platform(context);
            case FlowThreadsConsumer.VIRTUAL -> FlowThreadsConsumer.virtual(context);
            case PoolConsumer.NAME -> new PoolConsumer(context);
            case VirtualPerPacketConsumer.NAME -> new VirtualPerPacketConsumer(context);
            case EventLoopsConsumer.EVENT_LOOPS -> EventLoopsConsumer.eventLoops(context);
            case EventLoopsConsumer.VIRTUAL_VERTICLES -> EventLoopsConsumer.virtualVerticles(context);
            case null, default -> throw new IllegalArgumentException(
                    "host.consumer: expected one of " + NAMES + ", found '" + name + "'");
        };
    }
}
