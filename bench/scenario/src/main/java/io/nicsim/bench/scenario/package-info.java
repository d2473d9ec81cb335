/**
 * Scenarios: the YAML keys, their defaults, units and validation, loaded into the configs of the layers below; the
 * bottom of the bench layer, above host.
 */
package io.nicsim.bench.scenario;
