package io.nicsim.host.consumer;

import org.junit.jupiter.api.Test;

/** {@link ParkWait} keeps the {@link SignalWait} contract. */
class ParkWaitTest {

    @Test
    void keepsTheSignalWaitContract() throws Exception {
        SignalWaitContract.verify(ParkWait::new);
    }
}
