/**
 * {@code nicsim tune}: the search for policy settings that meet bounds (CMA-ES, budget plan, A/B rounds); bench
 * layer, above the runner.
 */
package io.nicsim.bench.tune;
