package io.nicsim.bench.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What a user's packet handler ({@code host.handler}) did wrong in a run, as summary.json's {@code runs[].handler}
 * says it (absent for the built-in work model): the packets it failed ({@code handler-error} drops) with the first
 * failure's line, the packets still in it when the run stopped waiting ({@code handler-timeout} drops) with where the
 * threads inside it stood, and what its {@code close()} threw. Its costs are in {@code costs.handler}.
 *
 * @param className  the handler's class
 * @param kind       {@code sync} or {@code async}: which of its interfaces the consumer called
 * @param errors     packets it failed: threw, or failed their completion
 * @param firstError the first failure, {@code SimpleName: message} on one line; null if none
 * @param timeouts   packets in it when the run's drain timeout ended
 * @param stuck      one line per thread left inside it ({@code THREAD at FRAME}, its top frame in the handler's
 *                   class) and for completions that never came; empty if none
 * @param closeError what its {@code close()} threw, one line; null if nothing
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HandlerReport(String className, String kind, long errors,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String firstError, long timeouts,
                            List<String> stuck, @JsonInclude(JsonInclude.Include.NON_NULL) String closeError) {

    public HandlerReport {
        stuck = stuck == null ? List.of() : List.copyOf(stuck);
    }

    /**
     * @param rounds one run's rounds (nulls skipped)
     * @return their reports as one: counts summed, the first round's first error, every round's stuck lines; null if
     *         no round had one
     */
    public static HandlerReport pooled(List<HandlerReport> rounds) {
        HandlerReport first = null;
        long errors = 0;
        long timeouts = 0;
        String firstError = null;
        String closeError = null;
        List<String> stuck = new java.util.ArrayList<>();
        for (HandlerReport round : rounds) {
            if (round == null) {
                continue;
            }
            first = first == null ? round : first;
            errors += round.errors;
            timeouts += round.timeouts;
            firstError = firstError != null ? firstError : round.firstError;
            closeError = closeError != null ? closeError : round.closeError;
            stuck.addAll(round.stuck);
        }
        return first == null ? null
                : new HandlerReport(first.className, first.kind, errors, firstError, timeouts, stuck, closeError);
    }
}
