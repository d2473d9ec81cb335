package io.nicsim.bench.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler's stage of a packet's fate: packets it failed are {@code handler-error}, packets still in it at the end
 * {@code handler-timeout}, the rest of what reached the application and was not handled {@code stranded-in-app};
 * generated = delivered + dropped still holds. Rounds' handler reports pool as one.
 */
class PacketFateHandlerTest {

    @Test
    void handlerErrorsAndTimeoutsAreDropsOfTheirOwnAndTheAccountBalances() {
        // 1,000 generated, all written and read; 5 socket-full, 880 handled, 100 failed, 2 held at the end: 13 left
        RunResult.PacketCounts packets = PacketFate.account(new PacketFate.Stages(1_000, 1_000, 0, 1_000, 0, 1_000, 5,
                880, 800, 100, 2));
        assertThat(packets.dropReasons()).containsExactly(java.util.Map.entry("socket-full", 5L),
                java.util.Map.entry("handler-error", 100L), java.util.Map.entry("handler-timeout", 2L),
                java.util.Map.entry("stranded-in-app", 13L));
        assertThat(packets.generated()).isEqualTo(packets.delivered() + packets.dropped());
        assertThat(DropReason.HANDLER_ERROR.key()).isEqualTo("handler-error");
        assertThat(DropReason.HANDLER_TIMEOUT.key()).isEqualTo("handler-timeout");
    }

    @Test
    void aRunWithoutHandlerFaultsAccountsAsBefore() {
        RunResult.PacketCounts packets = PacketFate.account(new PacketFate.Stages(10, 10, 0, 10, 0, 10, 0, 10, 8));
        assertThat(packets.dropped()).isZero();
        assertThat(packets.dropReasons()).isEmpty();
    }

    @Test
    void roundsReportsPoolAsOne() {
        HandlerReport first = new HandlerReport("a.B", "sync", 3, "IllegalStateException: x", 0, List.of(), null);
        HandlerReport second = new HandlerReport("a.B", "sync", 2, "IllegalStateException: y", 1,
                List.of("t at a.B.handle(B.java:1)"), "IOException: z");
        HandlerReport pooled = HandlerReport.pooled(java.util.Arrays.asList(first, null, second));
        assertThat(pooled).isEqualTo(new HandlerReport("a.B", "sync", 5, "IllegalStateException: x", 1,
                List.of("t at a.B.handle(B.java:1)"), "IOException: z"));
        assertThat(HandlerReport.pooled(java.util.Arrays.asList(null, null))).isNull();
    }
}
