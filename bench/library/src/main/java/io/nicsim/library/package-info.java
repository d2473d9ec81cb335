/**
 * nicsim's library: runs scenarios from Java in this JVM, as {@code ./nicsim run} does, and reads their figures and
 * files. {@link io.nicsim.library.NicsimRun} describes and runs one, {@link io.nicsim.library.NicsimResult} and
 * {@link io.nicsim.library.ConsumerResult} hold what it measured, {@link io.nicsim.library.NicsimInputException} and
 * {@link io.nicsim.library.NicsimException} say in one line what went wrong. docs/library.md shows its use.
 *
 * <p>Stable API: the public types of this package; everything they are built on (bench/runner, host, ...) may change
 * between versions. A layer beside the command line, over bench/runner.
 */
package io.nicsim.library;
