/**
 * runner, calibration ({@code nicsim calibrate}): short paced probes of every consumer kind on this machine
 * ({@link io.nicsim.bench.run.calibrate.Calibration}), the host model fitted from them
 * ({@link io.nicsim.bench.run.calibrate.HostModelFit}) and written in the format
 * {@link io.nicsim.bench.run.virtual.HostModelFiles} reads ({@link io.nicsim.bench.run.calibrate.HostModelWriter}).
 */
package io.nicsim.bench.run.calibrate;
