package io.nicsim.host.handler;

import io.nicsim.handler.AsyncPacketHandler;
import io.nicsim.handler.Completion;
import io.nicsim.handler.HandlerLifecycle;
import io.nicsim.handler.Packet;
import io.nicsim.handler.PacketHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What makes a class a handler nicsim can make: each refusal is one line naming where the class was named. */
class HandlerSourceTest {

    /** Counts its instances. */
    public static final class Counted implements PacketHandler {
        static int made;

        public Counted() {
            made++;
        }

        @Override
        public void handle(Packet packet) {
        }
    }

    /** Async only. */
    public static final class Later implements AsyncPacketHandler {
        @Override
        public void handle(Packet packet, Completion completion) {
            completion.complete();
        }
    }

    /** Neither kind. */
    public static final class Lifecycle implements HandlerLifecycle {
    }

    /** Not public to construct. */
    public static final class NeedsArgument implements PacketHandler {
        public NeedsArgument(int ignored) {
        }

        @Override
        public void handle(Packet packet) {
        }
    }

    /** Its constructor fails, over two lines. */
    public static final class Failing implements PacketHandler {
        public Failing() {
            throw new IllegalStateException("no service at\n  localhost:9");
        }

        @Override
        public void handle(Packet packet) {
        }
    }

    /** Abstract. */
    public abstract static class Partial implements PacketHandler {
    }

    @Test
    void makesOneInstanceToCheckAndOneMorePerRun() {
        int before = Counted.made;
        HandlerSource source = HandlerSource.of(Counted.class, "host.handler");
        assertThat(Counted.made).isEqualTo(before + 1);
        assertThat(source.newHandler("host.handler")).isInstanceOf(Counted.class);
        assertThat(Counted.made).isEqualTo(before + 2);
        assertThat(source.className()).isEqualTo(Counted.class.getName());
    }

    @Test
    void takesAsyncHandlersToo() {
        assertThat(HandlerSource.of(Later.class, "host.handler").newHandler("x")).isInstanceOf(Later.class);
    }

    @Test
    void refusesClassesThatCannotHandlePackets() {
        assertThatThrownBy(() -> HandlerSource.of(String.class, "host.handler"))
                .hasMessage("host.handler: java.lang.String is not a packet handler: it implements neither"
                        + " io.nicsim.handler.PacketHandler nor io.nicsim.handler.AsyncPacketHandler");
        assertThatThrownBy(() -> HandlerSource.of(Lifecycle.class, "host.handler"))
                .hasMessageContaining("is not a packet handler");
        assertThatThrownBy(() -> HandlerSource.of(Partial.class, "host.handler"))
                .hasMessageEndingWith("is abstract; name a concrete class");
        assertThatThrownBy(() -> HandlerSource.of(PacketHandler.class, "host.handler"))
                .hasMessageEndingWith("is an interface; name a concrete class");
    }

    @Test
    void aConstructorThatCannotBeCalledOrFailsIsOneLine() {
        assertThatThrownBy(() -> HandlerSource.of(NeedsArgument.class, "host.handler"))
                .hasMessageEndingWith("has no public constructor without arguments; nicsim makes each run's handler"
                        + " with one");
        assertThatThrownBy(() -> HandlerSource.of(Failing.class, "host.handler"))
                .hasMessage("host.handler: new " + Failing.class.getName()
                        + "() failed: IllegalStateException: no service at localhost:9")
                .hasCauseInstanceOf(IllegalStateException.class);
    }
}
