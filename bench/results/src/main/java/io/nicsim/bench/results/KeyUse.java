package io.nicsim.bench.results;

import io.nicsim.bench.scenario.Scenario;
import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.host.Consumers;
import io.nicsim.host.shape.EventLoopsConsumer;
import io.nicsim.host.shape.PoolConsumer;
import io.nicsim.nic.traffic.ConstantRateSource;
import io.nicsim.nic.traffic.MmppSource;
import io.nicsim.nic.traffic.OnOffSource;
import io.nicsim.nic.traffic.PoissonSource;
import io.nicsim.nic.traffic.TraceSource;
import io.nicsim.nic.traffic.UdpSource;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which scenario keys a run reads: a firmware key only matters to the policies that use it (as summary.json's
 * {@link PolicyParameters} lists them), a traffic key to its traffic kind, a shape's key to the shapes. Varying a key
 * no run reads (a sweep over {@code firmware.rxUsecs} with per-packet interrupts) plots noise; the CLI refuses it.
 * Keys not listed here are read by every run.
 */
public final class KeyUse {

    /** Traffic keys and the kinds that read them. */
    static final Map<String, List<String>> TRAFFIC = Map.of(
            "traffic.ratePerSecond", List.of(ConstantRateSource.KIND, PoissonSource.KIND, OnOffSource.KIND,
                    MmppSource.KIND),
            "traffic.burstNanos", List.of(OnOffSource.KIND), "traffic.idleNanos", List.of(OnOffSource.KIND),
            "traffic.mmppRate2PerSecond", List.of(MmppSource.KIND), "traffic.mmppSojourn1Nanos",
            List.of(MmppSource.KIND), "traffic.mmppSojourn2Nanos", List.of(MmppSource.KIND),
            "traffic.traceFile", List.of(TraceSource.KIND), "traffic.traceSpeedup", List.of(TraceSource.KIND),
            "traffic.traceRepeat", List.of(TraceSource.KIND), "traffic.udpPort", List.of(UdpSource.KIND));

    /** Consumer keys and the consumers that read them. */
    static final Map<String, List<String>> CONSUMER = Map.of(
            "host.workers", List.of(PoolConsumer.NAME, EventLoopsConsumer.EVENT_LOOPS,
                    EventLoopsConsumer.VIRTUAL_VERTICLES),
            "host.socketSlots", Consumers.DISPATCHING);

    private KeyUse() {
    }

    /**
     * @param key  a scenario key
     * @param runs the scenarios that will run (each with its policy, consumers and traffic kind)
     * @return why none of them reads {@code key} ("not used by policy per-packet (used by: coalesce)"), or null if
     *         one does
     */
    public static String unused(String key, Collection<Scenario> runs) {
        if (key.startsWith("firmware.") && !key.equals("firmware.policy")) {
            return check(key, "policy", runs, s -> List.of(s.firmware().policy()), policiesUsing(key));
        }
        if (TRAFFIC.containsKey(key)) {
            return check(key, "traffic kind", runs, s -> List.of(s.traffic().kind()), TRAFFIC.get(key));
        }
        if (CONSUMER.containsKey(key)) {
            return check(key, "consumer", runs, s -> s.host().consumers(), CONSUMER.get(key));
        }
        return null;
    }

    /** @return the policies whose runs read firmware key {@code key}, in {@link PolicyFactory#NAMES} order */
    public static List<String> policiesUsing(String key) {
        String name = key.substring("firmware.".length());
        return PolicyFactory.NAMES.stream()
                .filter(policy -> PolicyParameters.of(FirmwareConfig.DEFAULTS.withPolicy(policy)).containsKey(name))
                .toList();
    }

    private static String check(String key, String what, Collection<Scenario> runs,
                                Function<Scenario, List<String>> settings, List<String> users) {
        Set<String> inPlay = new LinkedHashSet<>();
        for (Scenario run : runs) {
            inPlay.addAll(settings.apply(run));
        }
        if (inPlay.stream().anyMatch(users::contains)) {
            return null;
        }
        return "not used by " + what + " " + String.join(", ", inPlay) + " (used by: "
                + (users.isEmpty() ? "none" : String.join(", ", users)) + ")";
    }
}
