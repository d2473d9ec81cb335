package io.nicsim.host.handler;

import io.nicsim.handler.AsyncPacketHandler;
import io.nicsim.handler.HandlerLifecycle;
import io.nicsim.handler.PacketHandler;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Where a run gets a user's packet handler: a new instance per run, made with the class's public no-argument
 * constructor. The class comes from code the user named on purpose (the jars of {@code --handler-jar}, or a test's
 * class path through the library); a scenario only names it.
 *
 * @param className the handler's class name, as summary.json records it
 * @param type      the handler class
 */
public record HandlerSource(String className, Class<? extends HandlerLifecycle> type) {

    /**
     * Checks that {@code type} can be a handler, and makes one instance to prove that its constructor works (user
     * code runs here, before anything of the run is written).
     *
     * @param where what named the class, for the error, e.g. {@code host.handler}
     * @throws IllegalArgumentException one line: "WHERE: com.example.X is not a packet handler: ..." or "WHERE: new
     *                                  com.example.X() failed: IllegalStateException: why"
     */
    public static HandlerSource of(Class<?> type, String where) {
        if (!PacketHandler.class.isAssignableFrom(type) && !AsyncPacketHandler.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(where + ": " + type.getName() + " is not a packet handler: it implements"
                    + " neither " + PacketHandler.class.getName() + " nor " + AsyncPacketHandler.class.getName());
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(where + ": " + type.getName() + " is "
                    + (type.isInterface() ? "an interface" : "abstract") + "; name a concrete class");
        }
        @SuppressWarnings("unchecked")
        HandlerSource source = new HandlerSource(type.getName(), (Class<? extends HandlerLifecycle>) type);
        source.newHandler(where);
        return source;
    }

    /**
     * @param where what named the class, for the error
     * @return a new handler, not yet opened
     * @throws IllegalArgumentException one line saying why the constructor could not be called or what it threw
     */
    public HandlerLifecycle newHandler(String where) {
        Constructor<? extends HandlerLifecycle> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(where + ": " + className + " has no public constructor without"
                    + " arguments; nicsim makes each run's handler with one");
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(where + ": new " + className + "() failed: " + describe(e.getCause()),
                    e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException(where + ": new " + className + "() failed: " + describe(e), e);
        }
    }

    /** @return {@code SimpleName: message} of an exception, on one line */
    public static String describe(Throwable error) {
        String message = error.getMessage();
        String line = error.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        return line.replaceAll("\\s*\\R\\s*", " ");
    }
}
