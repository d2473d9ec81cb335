/**
 * {@code nicsim serve}: a Vert.x Web server and one hand-written page over the runs folder. The server reads run
 * folders (summary.json, sweep.json, tune.json, the HdrHistogram files) and tails live feeds (live.jsonl, written by
 * studies started with {@code --live}); it starts and stops {@code nicsim run} child processes for the page. Nothing
 * but files passes between a running study and the server.
 */
package io.nicsim.bench.dashboard;
