package io.nicsim.junit;

import io.nicsim.handler.HandlerLifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a nicsim scenario for a test method, through the library ({@code io.nicsim.library.NicsimRun}), and hands its
 * result to the method's {@code NicsimResult} (or, for a one-consumer scenario, {@code ConsumerResult}) parameter:
 *
 * <pre>{@code
 * @Test
 * @NicsimScenario(value = "my-scenario.yaml", handler = MyHandler.class, set = "host.consumer=platform-thread")
 * void p99WithinBudget(ConsumerResult run) {
 *     LatencyBudget.assertThat(run).hasNoDrops().p99AtMostMicros(500);
 * }
 * }</pre>
 *
 * The run happens when JUnit resolves the parameter, before the method body. When the test fails its run folder is
 * kept and its path printed on {@code System.err}; otherwise the folder is removed, unless {@link #keep()} or the
 * system property {@value NicsimExtension#KEEP_PROPERTY}{@code =true} asks to keep it. Input nicsim cannot use fails
 * the test with the library's one-line message, and nothing is written. The JVM running the tests needs the flags of
 * nicsim's {@code jvm.options} (surefire's {@code argLine}).
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(NicsimExtension.class)
public @interface NicsimScenario {

    /** @return the scenario file, relative to the working folder (a Maven module's folder); empty: the default study */
    String value() default "";

    /** @return scenario keys to override, each as {@code --set} takes it: {@code run.duration=1s} */
    String[] set() default {};

    /**
     * @return your packet handler's class, made and called in every consumer ({@code host.handler} is set to it);
     *         {@code HandlerLifecycle.class} (the default): none, the built-in work model
     */
    Class<? extends HandlerLifecycle> handler() default HandlerLifecycle.class;

    /** @return the folder the run folders go in, relative to the working folder */
    String out() default "target/nicsim-runs";

    /** @return keep the run folder even when the test passes */
    boolean keep() default false;
}
