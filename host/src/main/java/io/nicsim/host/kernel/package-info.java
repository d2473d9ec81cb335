/**
 * The kernel's own wake path through the Foreign Function &amp; Memory API (no JNI, no native build step): eventfd
 * ({@link io.nicsim.host.kernel.EventFd}), epoll ({@link io.nicsim.host.kernel.Epoll}) and the errors of their calls;
 * Linux only ({@link io.nicsim.host.kernel.Kernel#problem()} says why not elsewhere); host layer, JDK only.
 */
package io.nicsim.host.kernel;
