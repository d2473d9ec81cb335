/**
 * The user's packet handler in the loop: where a run gets it ({@link io.nicsim.host.handler.HandlerSource}) and how
 * the consumers call it.
 */
package io.nicsim.host.handler;
