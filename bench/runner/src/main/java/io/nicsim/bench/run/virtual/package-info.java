/**
 * runner, virtual time: the host model file ({@link io.nicsim.bench.run.virtual.HostModelFiles}) and the
 * discrete-event loop that advances the device and the host model together
 * ({@link io.nicsim.bench.run.virtual.VirtualLoop}); {@code io.nicsim.bench.run.VirtualRun} turns it into a run.
 */
package io.nicsim.bench.run.virtual;
