package io.nicsim.bench.cluster;

/** The test's runner keeps the contract the real one keeps, so the cluster tests run on what workers do. */
class FakeRunnerTest extends ItemRunnerContract {

    @Override
    ItemRunner runner() {
        return new FakeRunner().hold(1).fail(2);
    }
}
