package io.nicsim.nic.traffic;

/**
 * The 5-tuple of a generated flow, a pure function of its number {@code f}: UDP from
 * {@code 10.0.0.0 + f + 1} (so flow 0 is 10.0.0.1, flow 255 is 10.0.1.0, distinct up to 2^24 - 1 flows), source
 * port {@code 1024 + f % 64512}, to {@value #DESTINATION_TEXT} port {@value #DESTINATION_PORT} (a documentation
 * address, RFC 5737). Many clients talking to one server, as a receiving host sees them.
 */
public final class SyntheticFlows implements FlowTuples {

    public static final SyntheticFlows INSTANCE = new SyntheticFlows();

    /** 10.0.0.0, the base of the source addresses. */
    public static final int SOURCE_BASE = 0x0A000000;
    /** 192.0.2.1 (TEST-NET-1), the destination of every generated flow. */
    public static final int DESTINATION_IP = 0xC0000201;
    static final String DESTINATION_TEXT = "192.0.2.1";
    public static final int DESTINATION_PORT = 9000;
    /** The lowest source port; ports cycle through 1024-65535. */
    public static final int FIRST_SOURCE_PORT = 1024;
    private static final int SOURCE_PORTS = 65536 - FIRST_SOURCE_PORT;

    private SyntheticFlows() {
    }

    @Override
    public int sourceIp(int flow) {
        return SOURCE_BASE + ((flow + 1) & 0x00FF_FFFF);
    }

    @Override
    public int destinationIp(int flow) {
        return DESTINATION_IP;
    }

    @Override
    public int sourcePort(int flow) {
        return FIRST_SOURCE_PORT + Integer.remainderUnsigned(flow, SOURCE_PORTS);
    }

    @Override
    public int destinationPort(int flow) {
        return DESTINATION_PORT;
    }

    @Override
    public int protocol(int flow) {
        return UDP;
    }
}
