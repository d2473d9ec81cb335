package io.nicsim.firmware.driver;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static io.nicsim.firmware.driver.DriverPolicyContract.Device.NEVER_MASKING;
import static org.assertj.core.api.Assertions.assertThat;

/** Pins {@link DrainDriver}: drain the ring on each interrupt, then wait for the next one; no re-arm, no timer. */
class DrainDriverTest {

    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(DriverPolicyContract.verify("drain", DrainDriver::new, NEVER_MASKING, 0));
    }

    @Test
    void waitsForTheNextInterruptAfterEveryPoll() {
        DriverScript.run(new DrainDriver(), """
                irq  1_000
                poll 1_200     0 WAIT_INTERRUPT   # a poll that found nothing
                irq  5_000
                poll 5_700 1_000 WAIT_INTERRUPT   # any number: the ring is drained
                poll 5_800     1 WAIT_INTERRUPT   # a latched interrupt woke it again
                """);
    }

    @Test
    void drainsWithoutABudgetAndWaitsForAnInterruptFirst() {
        DrainDriver driver = new DrainDriver();

        assertThat(driver.name()).isEqualTo("drain").isEqualTo(DrainDriver.NAME);
        assertThat(driver.budget()).isEqualTo(Integer.MAX_VALUE);
        assertThat(driver.startsPolling()).isFalse();
        assertThat(driver.wakeAtNanos()).isEqualTo(Long.MAX_VALUE);
    }
}
