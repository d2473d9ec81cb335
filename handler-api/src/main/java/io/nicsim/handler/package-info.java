/**
 * The interfaces a user's packet handler implements to run in nicsim's loop: {@link io.nicsim.handler.PacketHandler}
 * (handles a packet and returns when it is done) or {@link io.nicsim.handler.AsyncPacketHandler} (handles a packet and
 * says later, through a {@link io.nicsim.handler.Completion}, that it is done), both with the lifecycle of
 * {@link io.nicsim.handler.HandlerLifecycle}. JDK only.
 *
 * <p>Versioned semantically on its own ({@link io.nicsim.handler.HandlerApi#VERSION}): a minor version adds (a
 * default method, a new type), a major version may remove or change; a handler compiled against 1.x runs on every
 * nicsim whose API is 1.y with y at least x.
 */
package io.nicsim.handler;
