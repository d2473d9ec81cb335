/** Many machines: points handed out by pull over a Vert.x cluster (Hazelcast), run by workers in fresh JVMs. */
package io.nicsim.bench.cluster;
