/**
 * nicsim's JUnit 5 extension: {@link io.nicsim.junit.NicsimScenario} runs a scenario for a test method through the
 * library and hands it the result; {@link io.nicsim.junit.LatencyBudget} states a budget on it. A failed test keeps its
 * run folder and prints where. docs/library.md shows its use; examples/handler-example holds a budget with it.
 *
 * <p>Stable API: the public types of this package. Built against the JUnit BOM nicsim's build imports (JUnit 6);
 * it uses only extension API that JUnit 5.10 has too.
 */
package io.nicsim.junit;
