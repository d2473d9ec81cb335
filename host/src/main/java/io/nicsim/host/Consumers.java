package io.nicsim.host;

import io.nicsim.host.consumer.BusyPollConsumer;
import io.nicsim.host.consumer.CarrierPins;
import io.nicsim.host.consumer.Consumer;
import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.consumer.EpollConsumer;
import io.nicsim.host.consumer.EventLoopConsumer;
import io.nicsim.host.consumer.ParkingConsumer;
import io.nicsim.host.consumer.ShapeConfig;
import io.nicsim.host.handler.CallMode;
import io.nicsim.host.handler.HandlerSetting;

import io.nicsim.host.shape.EventLoopsConsumer;
import io.nicsim.host.shape.FlowThreadsConsumer;
import io.nicsim.host.shape.PoolConsumer;
import io.nicsim.host.shape.VirtualPerPacketConsumer;

import java.util.List;

/** Creates consumers by the names used in scenario files. */
public final class Consumers {

    /** The four base consumers, each one thread that drains the ring itself, in the default study's order. */
    public static final List<String> BASE = List.of(
            BusyPollConsumer.NAME, ParkingConsumer.PLATFORM, ParkingConsumer.VIRTUAL, EventLoopConsumer.NAME);

    /**
     * Consumers that wait in the kernel as a user-space driver does (epoll on an eventfd the interrupt path writes),
     * each one thread that drains the ring itself: not in the default study, named to run.
     */
    public static final List<String> KERNEL = List.of(EpollConsumer.PLATFORM, EpollConsumer.VIRTUAL);

    /** Every consumer that is one thread (or loop) per RX queue draining its ring itself: the base and kernel ones. */
    public static final List<String> DRAINING = java.util.stream.Stream.concat(BASE.stream(), KERNEL.stream())
            .toList();

    /** Shapes whose driver hands packets to other threads (a thread per flow, a pool, many loops). */
    public static final List<String> DISPATCHING = List.of(
            FlowThreadsConsumer.PLATFORM, PoolConsumer.NAME, FlowThreadsConsumer.VIRTUAL,
            VirtualPerPacketConsumer.NAME, EventLoopsConsumer.EVENT_LOOPS, EventLoopsConsumer.VIRTUAL_VERTICLES);

    /** Every consumer name. */
    public static final List<String> NAMES = java.util.stream.Stream.concat(DRAINING.stream(),
            DISPATCHING.stream()).toList();

    /** @return whether the consumer records packets from more than one thread at once */
    public static boolean recordsFromManyThreads(String name) {
        return DISPATCHING.contains(name);
    }

    private Consumers() {
    }

    /**
     * How consumer {@code name} calls a run's handler, and what the handler is told of it: busy-poll spins, an event
     * loop never waits, virtual-thread verticles await, every other thread parks; at most one call per thread at a
     * time (a base consumer has a thread per RX queue, a thread per flow one per flow, a pool its workers, a virtual
     * thread per packet or a verticle as many as packets may be in hand).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static HandlerSetting handlerSetting(String name, ShapeConfig shape, int queues) {
        return switch (name) {
            case BusyPollConsumer.NAME -> new HandlerSetting(name, CallMode.SPIN, queues, queues);
            case ParkingConsumer.PLATFORM, ParkingConsumer.VIRTUAL, EpollConsumer.PLATFORM, EpollConsumer.VIRTUAL ->
                    new HandlerSetting(name, CallMode.PARK, queues, queues);
            case EventLoopConsumer.NAME -> new HandlerSetting(name, CallMode.LOOP, queues, queues);
            case FlowThreadsConsumer.PLATFORM, FlowThreadsConsumer.VIRTUAL -> new HandlerSetting(name, CallMode.PARK,
                    shape.flows(), queues);
            case PoolConsumer.NAME -> new HandlerSetting(name, CallMode.PARK, shape.workers(), queues);
            case VirtualPerPacketConsumer.NAME -> new HandlerSetting(name, CallMode.PARK, shape.socketSlots(), queues);
            case EventLoopsConsumer.EVENT_LOOPS -> new HandlerSetting(name, CallMode.LOOP, shape.workers(), queues);
            case EventLoopsConsumer.VIRTUAL_VERTICLES -> new HandlerSetting(name, CallMode.VERTICLE,
                    (int) Math.min(Integer.MAX_VALUE, (long) shape.workers() * shape.socketSlots()), queues);
            case null, default -> throw new IllegalArgumentException(
                    "host.consumer: expected one of " + NAMES + ", found '" + name + "'");
        };
    }

    /**
     * The consumers of a device with one RX queue per context: a base consumer gets an instance (a thread or loop)
     * per queue, a shape that hands packets over serves every queue with one instance.
     *
     * @param contexts one per RX queue, in queue order
     * @return the consumer serving each RX queue
     * @throws IllegalArgumentException for an unknown name
     */
    public static Consumer[] create(String name, java.util.List<ConsumerContext> contexts) {
        Consumer[] byQueue = new Consumer[contexts.size()];
        if (recordsFromManyThreads(name)) {
            java.util.Arrays.fill(byQueue, createShape(name, contexts));
        } else if (EpollConsumer.VIRTUAL.equals(name)) {
            CarrierPins pins = new CarrierPins(); // the carriers the run's waits pin, together
            for (int q = 0; q < byQueue.length; q++) {
                byQueue[q] = EpollConsumer.virtual(contexts.get(q), pins);
            }
        } else {
            for (int q = 0; q < byQueue.length; q++) {
                byQueue[q] = create(name, contexts.get(q));
            }
        }
        return byQueue;
    }

    private static Consumer createShape(String name, java.util.List<ConsumerContext> contexts) {
        return switch (name) {
            case FlowThreadsConsumer.PLATFORM -> FlowThreadsConsumer.platform(contexts);
            case FlowThreadsConsumer.VIRTUAL -> FlowThreadsConsumer.virtual(contexts);
            case PoolConsumer.NAME -> new PoolConsumer(contexts);
            case VirtualPerPacketConsumer.NAME -> new VirtualPerPacketConsumer(contexts);
            case EventLoopsConsumer.EVENT_LOOPS -> EventLoopsConsumer.eventLoops(contexts);
            case EventLoopsConsumer.VIRTUAL_VERTICLES -> EventLoopsConsumer.virtualVerticles(contexts);
            default -> throw new IllegalArgumentException("host.consumer: not a shape: " + name);
        };
    }

    /** A consumer of one RX queue. @throws IllegalArgumentException for an unknown name */
    public static Consumer create(String name, ConsumerContext context) {
        if (recordsFromManyThreads(name)) {
            return createShape(name, java.util.List.of(context));
        }
        return switch (name) {
            case BusyPollConsumer.NAME -> new BusyPollConsumer(context);
            case ParkingConsumer.PLATFORM -> ParkingConsumer.platform(context);
            case ParkingConsumer.VIRTUAL -> ParkingConsumer.virtual(context);
            case EventLoopConsumer.NAME -> new EventLoopConsumer(context);
            case EpollConsumer.PLATFORM -> EpollConsumer.platform(context);
            case EpollConsumer.VIRTUAL -> EpollConsumer.virtual(context, new CarrierPins());
            case null, default -> throw new IllegalArgumentException(
                    "host.consumer: expected one of " + NAMES + ", found '" + name + "'");
        };
    }
}
