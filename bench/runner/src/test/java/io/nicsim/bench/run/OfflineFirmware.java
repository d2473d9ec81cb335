package io.nicsim.bench.run;

import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.nic.record.DoorbellRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The firmware's decisions recomputed offline from a journal: one RX queue's completions (model write times) and the
 * doorbells the device executed (model times) fed in model-time order to a fresh device-half policy, as
 * docs/semantics.md#device-time states the order (at one instant: doorbell, completion, timer). Written apart from the
 * device engine, for tests: it shares only the policy objects with it.
 */
final class OfflineFirmware {

    /** An interrupt as the journal holds it. */
    record Interrupt(long first, long last, long raisedNanos) {
    }

    /** A completion: packet {@code packetId} of {@code frameBytes} written at model time {@code writtenNanos}. */
    record Completion(long packetId, int frameBytes, long writtenNanos) {
    }

    /** A doorbell the device executed at model time {@code modelNanos}. */
    record Doorbell(int kind, long consumedPacketId, long modelNanos) {
    }

    private final NotificationPolicy policy;
    private final List<Interrupt> raised = new ArrayList<>();
    private long firstUnnotified = -1;
    private long lastWritten = -1;
    private long timerCheckedNanos = Long.MIN_VALUE;

    private OfflineFirmware(NotificationPolicy policy) {
        this.policy = policy;
    }

    /** @return the interrupts the policy raises for these completions and doorbells, in order */
    static List<Interrupt> decide(NotificationPolicy policy, List<Completion> completions, List<Doorbell> doorbells) {
        OfflineFirmware firmware = new OfflineFirmware(policy);
        int c = 0;
        int d = 0;
        long now = Long.MIN_VALUE;
        while (true) {
            long doorbellAt = d < doorbells.size() ? doorbells.get(d).modelNanos() : Long.MAX_VALUE;
            long completionAt = c < completions.size() ? completions.get(c).writtenNanos() : Long.MAX_VALUE;
            long timerAt = firmware.timerAt(now);
            long next = Math.min(doorbellAt, Math.min(completionAt, timerAt));
            if (next == Long.MAX_VALUE) {
                return firmware.raised;
            }
            now = next;
            if (doorbellAt == next) {
                firmware.doorbell(doorbells.get(d++), next);
            } else if (completionAt == next) {
                firmware.complete(completions.get(c++), next);
            } else {
                firmware.timer(next);
            }
        }
    }

    private long timerAt(long now) {
        long due = policy.nextTimerNanos();
        if (due == NotificationPolicy.NO_TIMER) {
            return Long.MAX_VALUE;
        }
        due = Math.max(due, now);
        return due > timerCheckedNanos ? due : Long.MAX_VALUE;
    }

    private void complete(Completion completion, long t) {
        if (firstUnnotified < 0) {
            firstUnnotified = completion.packetId();
        }
        lastWritten = completion.packetId();
        timerCheckedNanos = Long.MIN_VALUE;
        if (policy.onCompletion(t, completion.frameBytes())) {
            raise(t);
        }
    }

    private void doorbell(Doorbell doorbell, long t) {
        timerCheckedNanos = Long.MIN_VALUE;
        long consumed = doorbell.consumedPacketId();
        if (doorbell.kind() == DoorbellRecord.REARM) {
            if (firstUnnotified >= 0 && firstUnnotified <= consumed) {
                firstUnnotified = lastWritten > consumed ? consumed + 1 : -1;
            }
            if (policy.onRearm(t, lastWritten - consumed)) {
                firstUnnotified = consumed + 1;
                raise(t);
            }
        } else if (doorbell.kind() == DoorbellRecord.DISARM) {
            policy.onDisarm(t);
        }
    }

    private void timer(long t) {
        if (policy.onTimer(t)) {
            raise(t);
        } else {
            timerCheckedNanos = t;
        }
    }

    private void raise(long t) {
        raised.add(new Interrupt(firstUnnotified >= 0 ? firstUnnotified : lastWritten, lastWritten, t));
        policy.onRaised(t);
        firstUnnotified = -1;
        timerCheckedNanos = Long.MIN_VALUE;
    }
}
