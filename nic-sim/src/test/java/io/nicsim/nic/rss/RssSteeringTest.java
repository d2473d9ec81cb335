package io.nicsim.nic.rss;

import io.nicsim.nic.traffic.FlowTuples;
import io.nicsim.nic.traffic.SyntheticFlows;
import io.nicsim.nic.traffic.TupleTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * RSS steering: the indirection table's round-robin default and its low-7-bit lookup, queue choice from the
 * flows' 5-tuples (synthetic flows spread within 10% of even), and frames without IPv4 on queue 0.
 */
class RssSteeringTest {

    @Test
    void defaultTableIsRoundRobinOverTheQueuesAndIndexedByTheLowSevenBits() {
        IndirectionTable table = IndirectionTable.roundRobin(3);

        assertThat(table.queues()).isEqualTo(3);
        for (int hash = 0; hash < 1_000; hash++) {
            assertThat(table.queueOf(hash)).isEqualTo((hash & 127) % 3);
        }
        assertThat(table.queueOf(0xFFFF_FF80)).as("bits above 6 ignored").isEqualTo(table.queueOf(0));
    }

    @Test
    void customTablesAreCheckedAndCopied() {
        int[] entries = new int[IndirectionTable.ENTRIES];
        entries[5] = 1;
        IndirectionTable table = IndirectionTable.of(entries, 2);
        entries[5] = 0;
        assertThat(table.queueOf(5)).isEqualTo(1);
        assertThatIllegalArgumentException().isThrownBy(() -> IndirectionTable.of(new int[64], 2));
        entries[0] = 2;
        assertThatIllegalArgumentException().isThrownBy(() -> IndirectionTable.of(entries, 2));
        assertThatIllegalArgumentException().isThrownBy(() -> IndirectionTable.roundRobin(0));
        assertThatIllegalArgumentException().isThrownBy(() -> IndirectionTable.roundRobin(129));
    }

    @ParameterizedTest(name = "{0} queues")
    @ValueSource(ints = {2, 4, 8})
    void tenThousandSyntheticFlowsLandWithinTenPercentOfEven(int queues) {
        RssSteering rss = RssSteering.forQueues(queues, SyntheticFlows.INSTANCE);
        int flows = 10_000;
        int[] perQueue = new int[queues];
        for (int flow = 0; flow < flows; flow++) {
            perQueue[rss.queueOf(flow)]++;
        }
        for (int queue = 0; queue < queues; queue++) {
            assertThat(perQueue[queue]).as("flows on queue %d of %d", queue, queues)
                    .isBetween((int) (0.9 * flows / queues), (int) Math.ceil(1.1 * flows / queues));
        }
        assertThat(rss.queues()).isEqualTo(queues);
    }

    @Test
    void queueFollowsTheToeplitzHashOfTheTuple() {
        TupleTable tuples = new TupleTable();
        int tcp = tuples.flowOf(0x42_09_95_BB, 0xA1_8E_64_50, 2794, 1766, FlowTuples.TCP); // Microsoft's first vector
        int icmp = tuples.flowOf(0x42_09_95_BB, 0xA1_8E_64_50, 0, 0, 1);
        int arp = tuples.flowOf(0, 0, 0, 0, FlowTuples.NOT_IPV4);
        RssSteering rss = RssSteering.forQueues(16, tuples);

        assertThat(rss.hashOf(tcp)).isEqualTo(0x51ccc178);
        assertThat(rss.queueOf(tcp)).isEqualTo((0x51ccc178 & 127) % 16);
        assertThat(rss.hashOf(icmp)).as("2-tuple").isEqualTo(0x323e8fc2);
        assertThat(rss.hashOf(arp)).isZero();
        assertThat(rss.queueOf(arp)).isZero();
    }

    @Test
    void tupleTableNumbersDistinctTuplesInOrderOfFirstAppearance() {
        TupleTable tuples = new TupleTable();
        for (int i = 0; i < 100; i++) {
            assertThat(tuples.flowOf(i, 7, 1, 2, FlowTuples.UDP)).isEqualTo(i);
        }
        assertThat(tuples.flowOf(5, 7, 1, 2, FlowTuples.UDP)).isEqualTo(5);
        assertThat(tuples.flowOf(5, 7, 1, 2, FlowTuples.TCP)).as("protocol is part of the tuple").isEqualTo(100);
        assertThat(tuples.flowOf(5, 7, 2, 1, FlowTuples.UDP)).as("ports are ordered").isEqualTo(101);
        assertThat(tuples.size()).isEqualTo(102);
        assertThat(new int[] {tuples.sourceIp(99), tuples.destinationIp(99), tuples.sourcePort(99),
                tuples.destinationPort(99), tuples.protocol(99)}).containsExactly(99, 7, 1, 2, FlowTuples.UDP);
    }

    @Test
    void syntheticFlowsAreDocumentedTuples() {
        SyntheticFlows flows = SyntheticFlows.INSTANCE;
        assertThat(FlowTuples.formatIp(flows.sourceIp(0))).isEqualTo("10.0.0.1");
        assertThat(FlowTuples.formatIp(flows.sourceIp(255))).isEqualTo("10.0.1.0");
        assertThat(FlowTuples.formatIp(flows.destinationIp(12))).isEqualTo("192.0.2.1");
        assertThat(flows.sourcePort(0)).isEqualTo(1024);
        assertThat(flows.sourcePort(64_512)).isEqualTo(1024);
        assertThat(flows.destinationPort(3)).isEqualTo(9000);
        assertThat(flows.protocol(3)).isEqualTo(FlowTuples.UDP);
    }
}
