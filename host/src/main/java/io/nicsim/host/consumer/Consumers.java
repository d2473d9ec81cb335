package io.nicsim.host.consumer;

import java.util.List;

/** Creates consumers by the names used in scenario files. */
public final class Consumers {

    /** Every consumer name, in the order the default study runs them. */
    public static final List<String> NAMES = List.of(
            BusyPollConsumer.NAME, ParkingConsumer.PLATFORM, ParkingConsumer.VIRTUAL, EventLoopConsumer.NAME);

    private Consumers() {
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static Consumer create(String name, ConsumerContext context) {
        return switch (name) {
            case BusyPollConsumer.NAME -> new BusyPollConsumer(context);
            case ParkingConsumer.PLATFORM -> ParkingConsumer.platform(context);
            case ParkingConsumer.VIRTUAL -> ParkingConsumer.virtual(context);
            case EventLoopConsumer.NAME -> new EventLoopConsumer(context);
            case null, default -> throw new IllegalArgumentException(
                    "host.consumer: expected one of " + NAMES + ", found '" + name + "'");
        };
    }
}
