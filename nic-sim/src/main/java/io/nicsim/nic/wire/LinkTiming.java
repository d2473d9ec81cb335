package io.nicsim.nic.wire;

/**
 * Serialization on the link (docs/semantics.md#wire): a frame of {@code b} bytes occupies the wire for
 * {@code (b + 20) * 8 / linkGbps} nanoseconds (8 bytes of preamble and 12 of inter-frame gap included: 67.2 ns for
 * 64 bytes at 10 Gbit/s), cannot start before the previous frame ended, and reaches the MAC when its last bit
 * has. So frames arrive at {@code max(intended, previous end) + serialization} and never faster than line rate,
 * while each keeps its intended time for latency (a sender whose frames queue behind a busy link is charged for
 * the wait, as coordinated omission asks). Time is kept in picoseconds, so rounding never accumulates.
 * {@code linkGbps = 0} is an unlimited link: frames arrive at their intended time, as before link timing existed.
 */
public final class LinkTiming {

    /** Preamble (7), start-of-frame delimiter (1) and inter-frame gap (12) around every frame, in bytes. */
    public static final int PREAMBLE_AND_GAP_BYTES = 20;

    private final double picosPerByte;
    private long freeAtPicos = Long.MIN_VALUE;
    private int lastFrameBytes = -1;
    private long lastSerializationPicos;

    /** @param linkGbps link speed in Gbit/s; 0 = unlimited */
    public LinkTiming(double linkGbps) {
        if (!(linkGbps >= 0) || Double.isInfinite(linkGbps)) {
            throw new IllegalArgumentException("nic.linkGbps must be a number >= 0, found " + linkGbps);
        }
        this.picosPerByte = linkGbps == 0 ? 0 : 8_000 / linkGbps;
    }

    /** @return whether the link has a speed (false: unlimited) */
    public boolean isLimited() {
        return picosPerByte > 0;
    }

    /** @return how long a frame of {@code frameBytes} occupies the wire, in picoseconds (0 if unlimited) */
    public long serializationPicos(int frameBytes) {
        return Math.round((frameBytes + (long) PREAMBLE_AND_GAP_BYTES) * picosPerByte);
    }

    /**
     * Puts the next frame on the wire, in order. Offsets are nanoseconds after the start of the schedule.
     *
     * @return when the frame has fully arrived: {@code max(intended, end of the previous frame) + serialization},
     *         rounded up to the nanosecond; the intended offset itself on an unlimited link
     */
    public long arrivalOffsetNanos(long intendedOffsetNanos, int frameBytes) {
        if (picosPerByte == 0) {
            return intendedOffsetNanos;
        }
        if (frameBytes != lastFrameBytes) { // synthetic traffic has one frame size: rounded once
            lastFrameBytes = frameBytes;
            lastSerializationPicos = serializationPicos(frameBytes);
        }
        long startPicos = Math.max(intendedOffsetNanos * 1_000, freeAtPicos);
        freeAtPicos = startPicos + lastSerializationPicos;
        return Math.ceilDiv(freeAtPicos, 1_000);
    }
}
