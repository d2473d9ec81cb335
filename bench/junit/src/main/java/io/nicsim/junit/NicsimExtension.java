package io.nicsim.junit;

import io.nicsim.bench.results.RunFolder;
import io.nicsim.handler.HandlerLifecycle;
import io.nicsim.library.ConsumerResult;
import io.nicsim.library.NicsimResult;
import io.nicsim.library.NicsimRun;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/**
 * The JUnit 5 extension behind {@link NicsimScenario}: runs an annotated method's scenario just before the method
 * (after its {@code @BeforeEach} methods; an error fails the test with the library's one-line exception), hands the
 * result to its {@code NicsimResult} or {@code ConsumerResult} parameter, and after the method keeps the run folder of
 * a failed test (its path printed on {@code System.err} and published as the report entry {@value #REPORT_KEY}) or
 * removes that of a passed one. Each method's run goes in a folder of its own,
 * {@code <out>/<yyyyMMdd-HHmmss>-<TestClass>.<method>}.
 */
public final class NicsimExtension implements BeforeTestExecutionCallback, ParameterResolver, AfterEachCallback {

    /** System property that keeps every run folder, passed or failed: {@code -Dnicsim.keepRuns=true}. */
    public static final String KEEP_PROPERTY = "nicsim.keepRuns";
    /** The report entry naming a kept run folder. */
    public static final String REPORT_KEY = "nicsim.runFolder";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(NicsimExtension.class);
    private static final String FOLDER = "folder";
    private static final String RESULT = "result";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == NicsimResult.class || type == ConsumerResult.class;
    }

    /** Runs the method's scenario, if it names one. */
    @Override
    public void beforeTestExecution(ExtensionContext context) {
        AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), NicsimScenario.class)
                .ifPresent(scenario -> context.getStore(NAMESPACE).put(RESULT, run(scenario, context)));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        NicsimResult result = context.getStore(NAMESPACE).get(RESULT, NicsimResult.class);
        if (result == null) {
            throw new ParameterResolutionException("a " + parameter.getParameter().getType().getSimpleName()
                    + " parameter needs its method annotated with @" + NicsimScenario.class.getSimpleName()
                    + " naming the scenario");
        }
        if (parameter.getParameter().getType() == NicsimResult.class) {
            return result;
        }
        if (result.consumers().size() != 1) {
            throw new ParameterResolutionException("the scenario ran " + result.consumers().size() + " consumers ("
                    + result.consumers().stream().map(ConsumerResult::label).collect(Collectors.joining(", "))
                    + "): take a NicsimResult and pick one with consumer(name), or run one (set ="
                    + " \"host.consumer=NAME\")");
        }
        return result.consumers().getFirst();
    }

    private static NicsimResult run(NicsimScenario scenario, ExtensionContext context) {
        NicsimRun run = scenario.value().isEmpty() ? NicsimRun.defaultStudy()
                : NicsimRun.scenario(Path.of(scenario.value()));
        for (String override : scenario.set()) {
            run.set(override);
        }
        if (scenario.handler() != HandlerLifecycle.class) {
            run.handler(scenario.handler());
        }
        Path folder = newFolder(Path.of(scenario.out()), context);
        context.getStore(NAMESPACE).put(FOLDER, folder);
        return run.outputFolder(folder).run();
    }

    /** @return {@code out/<stamp>-<Class>.<method>}, with a suffix if that is taken */
    private static Path newFolder(Path out, ExtensionContext context) {
        String name = STAMP.format(LocalDateTime.now()) + "-" + context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName();
        Path base = out.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_")).toAbsolutePath().normalize();
        Path folder = base;
        for (int n = 2; Files.exists(folder); n++) {
            folder = base.resolveSibling(base.getFileName() + "-" + n);
        }
        return folder;
    }

    /** Keeps a failed test's run folder and says where; removes a passed (or aborted) one's unless asked to keep. */
    @Override
    public void afterEach(ExtensionContext context) {
        Path folder = context.getStore(NAMESPACE).get(FOLDER, Path.class);
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        boolean failed = context.getExecutionException().filter(e -> !(e instanceof TestAbortedException))
                .isPresent();
        if (failed || keepAsked(context)) {
            System.err.println("nicsim: " + context.getDisplayName() + (failed ? " failed" : " passed")
                    + "; its run folder is kept: " + folder);
            System.err.flush();
            context.publishReportEntry(REPORT_KEY, folder.toString());
            return;
        }
        try {
            RunFolder.deleteTree(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the run folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean keepAsked(ExtensionContext context) {
        return Boolean.getBoolean(KEEP_PROPERTY) || context.getTestMethod()
                .flatMap(method -> AnnotationSupport.findAnnotation(method, NicsimScenario.class))
                .map(NicsimScenario::keep).orElse(false);
    }
}
