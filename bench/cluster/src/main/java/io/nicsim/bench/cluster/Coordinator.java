package io.nicsim.bench.cluster;

import java.time.Duration;

/**
 * The coordinator's end of the cluster: joins it and hands work items out by pull. SKELETON for parallel work: the
 * CORE part replaces this file with the implementation of {@link Dispatcher}.
 */
public abstract class Coordinator implements Dispatcher {

    /**
     * Joins the cluster as a coordinator.
     *
     * @param options     members, bind address, secret
     * @param listener    told what happens (progress)
     * @param joinTimeout how long the join may take before it fails
     * @throws ClusterException with one line if the cluster cannot be joined
     */
    public static Coordinator join(ClusterOptions options, DispatchListener listener, Duration joinTimeout)
            throws ClusterException {
        throw new ClusterException("the cluster coordinator is not built yet");
    }
}
