/**
 * The {@code nicsim} command line (picocli subcommands); the top of the bench layer, nothing depends on it.
 */
package io.nicsim.bench.cli;
