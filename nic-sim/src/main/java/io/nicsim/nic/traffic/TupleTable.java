package io.nicsim.nic.traffic;

import org.agrona.collections.Object2IntHashMap;

import java.util.Arrays;

/**
 * Flow numbers for real packets: the index of each distinct 5-tuple in order of first appearance. A lookup of a
 * known tuple allocates nothing; a new tuple allocates its key (and the columns grow), once per flow. One thread.
 */
public final class TupleTable implements FlowTuples {

    private int[] sourceIp = new int[16];
    private int[] destinationIp = new int[16];
    private int[] sourcePort = new int[16];
    private int[] destinationPort = new int[16];
    private int[] protocol = new int[16];
    private int size;
    private final Object2IntHashMap<Key> index = new Object2IntHashMap<>(-1);
    private final Key probe = new Key();

    /** @return the flow number of this tuple, adding it if new */
    public int flowOf(int srcIp, int dstIp, int srcPort, int dstPort, int proto) {
        probe.set(srcIp, dstIp, srcPort, dstPort, proto);
        int flow = index.getValue(probe);
        if (flow >= 0) {
            return flow;
        }
        flow = size++;
        if (flow == sourceIp.length) {
            int length = flow * 2;
            sourceIp = Arrays.copyOf(sourceIp, length);
            destinationIp = Arrays.copyOf(destinationIp, length);
            sourcePort = Arrays.copyOf(sourcePort, length);
            destinationPort = Arrays.copyOf(destinationPort, length);
            protocol = Arrays.copyOf(protocol, length);
        }
        sourceIp[flow] = srcIp;
        destinationIp[flow] = dstIp;
        sourcePort[flow] = srcPort;
        destinationPort[flow] = dstPort;
        protocol[flow] = proto;
        Key key = new Key();
        key.set(srcIp, dstIp, srcPort, dstPort, proto);
        index.put(key, flow);
        return flow;
    }

    /** @return distinct tuples seen */
    public int size() {
        return size;
    }

    @Override
    public int sourceIp(int flow) {
        return sourceIp[flow];
    }

    @Override
    public int destinationIp(int flow) {
        return destinationIp[flow];
    }

    @Override
    public int sourcePort(int flow) {
        return sourcePort[flow];
    }

    @Override
    public int destinationPort(int flow) {
        return destinationPort[flow];
    }

    @Override
    public int protocol(int flow) {
        return protocol[flow];
    }

    /** A mutable 5-tuple key: the table probes with one instance and stores a copy per flow. */
    private static final class Key {
        private int srcIp;
        private int dstIp;
        private int ports;
        private int proto;

        void set(int srcIp, int dstIp, int srcPort, int dstPort, int proto) {
            this.srcIp = srcIp;
            this.dstIp = dstIp;
            this.ports = srcPort << 16 | dstPort & 0xFFFF;
            this.proto = proto;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.srcIp == srcIp && k.dstIp == dstIp && k.ports == ports
                    && k.proto == proto;
        }

        @Override
        public int hashCode() {
            int h = srcIp * 0x9E3779B1;
            h = (h ^ dstIp) * 0x9E3779B1;
            h = (h ^ ports) * 0x9E3779B1;
            return h ^ proto;
        }
    }
}
