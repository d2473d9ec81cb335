package io.nicsim.host.handler;

/**
 * Says where a thread stands in a handler that did not return: its name and its top stack frame in the handler's
 * class (or a nested class of it), for the run's report of threads stuck in a user's handler.
 */
final class StuckFrames {

    private StuckFrames() {
    }

    /**
     * @param inHandler whether the thread is known to be inside the handler (a sync call); else it only may be (an
     *                  async call whose completion it waits for)
     * @return {@code THREAD at FRAME}; for a thread known to be inside but with no frame of the class,
     *         {@code THREAD at TOP-FRAME (no frame of CLASS)}; null if it may be inside and is not
     */
    static String where(Thread thread, String handlerClass, boolean inHandler) {
        StackTraceElement[] frames = thread.getStackTrace();
        String name = thread.getName().isEmpty() ? thread.toString() : thread.getName();
        for (StackTraceElement frame : frames) {
            String type = frame.getClassName();
            if (type.equals(handlerClass) || type.startsWith(handlerClass + "$")) {
                return name + " at " + frame;
            }
        }
        if (!inHandler) {
            return null;
        }
        return name + (frames.length == 0 ? " (no stack: it ended or is not mounted)"
                : " at " + frames[0] + " (no frame of " + handlerClass + ")");
    }
}
