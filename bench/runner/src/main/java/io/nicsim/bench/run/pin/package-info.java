/**
 * runner, core placement: which CPU each thread of a run gets ({@link io.nicsim.bench.run.pin.CorePlan}, pure),
 * what {@code host.pinning} resolves to on this machine ({@link io.nicsim.bench.run.pin.RunPinning}), and the pin
 * each thread applies to itself as it starts ({@link io.nicsim.bench.run.pin.ThreadPin}) through
 * {@link io.nicsim.bench.run.pin.CpuAffinity}, on Linux OpenHFT's Java-Thread-Affinity
 * ({@link io.nicsim.bench.run.pin.OpenHftAffinity}).
 */
package io.nicsim.bench.run.pin;
