package io.nicsim.bench.tune;

/**
 * What {@link CmaesSearch} asks of the points it proposes: a score per proposal, the runs made so far and the best
 * positions so far (between restarts). {@link NoisyObjective} answers by running points; a replay answers from a
 * record of those answers, to learn a generation's proposals ahead (see {@link CmaesSearch}).
 */
interface SearchObjective {

    /**
     * @param positions        in [0, 1] per searched key
     * @param lastOfGeneration whether the optimizer proposes nothing more before it has ranked these scores (the
     *                         proposals up to here did not depend on each other's scores)
     */
    double value(double[] positions, boolean lastOfGeneration);

    int runsUsed();

    double[] bestPositions();
}
