package io.nicsim.bench.cli;

import io.nicsim.bench.process.ChildRun;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.host.handler.HandlerSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --handler-jar} and {@code host.handler}: every way a user's handler cannot be loaded is one line, exit 2,
 * before anything runs, with nothing written (no run folder, no staging in /dev/shm), on each command that runs
 * consumers ({@code run}, {@code compare}, {@code sweep}, {@code tune}, {@code host}); {@code validate} checks the
 * class only with the jars.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HandlerJarErrorsTest {

    /** Cheap, valid settings: should a check wrongly pass, the run that follows is short. */
    private static final List<String> CHEAP = List.of("--set", "host.consumer=busy-poll", "--set", "run.warmup=0",
            "--set", "run.drainTimeout=1ms", "--duration", "1ms", "--set", "run.jitWarmup=0",
            "--set", "run.memoryProbeWaiters=0");
    private static final Path SHM = Path.of("/dev/shm");

    @TempDir
    static Path jarsDir;
    private static TestHandlerJars jars;

    @TempDir
    Path parent;

    @BeforeAll
    static void makeJars() throws IOException {
        jars = TestHandlerJars.make(jarsDir);
    }

    private static List<String> jar(Path... paths) {
        List<String> args = new ArrayList<>();
        for (Path path : paths) {
            args.add("--handler-jar");
            args.add(path.toString());
        }
        return args;
    }

    private static List<String> handler(String className) {
        return List.of("--set", "host.handler=" + className);
    }

    private CliOutcome execute(List<String> head, List<String>... more) {
        List<String> args = new ArrayList<>(head);
        for (List<String> part : more) {
            args.addAll(part);
        }
        return CliOutcome.of(args);
    }

    private List<String> run() {
        return List.of("run", "--out", parent.resolve("out").toString());
    }

    private void assertRefused(CliOutcome outcome, String... says) throws IOException {
        assertThat(outcome.code()).as("exit code; stderr: %s", outcome.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(outcome.err().lines().toList()).as("stderr").singleElement().asString().startsWith("error: ")
                .contains(says);
        assertThat(outcome.out()).as("no run started").doesNotContain("nicsim run:").doesNotContain("host:");
        try (Stream<Path> paths = Files.walk(parent)) {
            assertThat(paths.map(path -> parent.relativize(path).toString()).toList()).as("nothing written")
                    .containsExactly("");
        }
        assertThat(staged()).as("no staging in /dev/shm").isEmpty();
    }

    private static List<Path> staged() throws IOException {
        if (!Files.isDirectory(SHM)) {
            return List.of();
        }
        String prefix = "nicsim-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> files = Files.list(SHM)) {
            return files.filter(path -> path.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    @Test
    void aScenarioAloneNeverLoadsCodeAndAJarAloneNamesNoClass() throws IOException {
        assertRefused(execute(run(), handler("com.example.Spinning"), CHEAP), "host.handler: com.example.Spinning"
                + " names a class, but no --handler-jar gives its code (a scenario alone never loads code)");
        assertRefused(execute(run(), jar(jars.handlers()), CHEAP), "--handler-jar: " + jars.handlers()
                + " given, but host.handler names no class to load from it");
    }

    @Test
    void aJarThatIsMissingAFolderOrNoZipIsNamed() throws IOException {
        Path missing = jarsDir.resolve("nope.jar");
        assertRefused(execute(run(), jar(missing), handler("com.example.Spinning"), CHEAP),
                "--handler-jar " + missing + ": no such file");
        assertRefused(execute(run(), jar(jars.handlers(), jarsDir), handler("com.example.Spinning"), CHEAP),
                "--handler-jar " + jarsDir + ": a folder, not a jar");
        Path text = Files.writeString(jarsDir.resolve("notes.jar"), "not a zip\n");
        assertRefused(execute(run(), jar(text), handler("com.example.Spinning"), CHEAP),
                "--handler-jar " + text + ": not a jar (a zip file): ZipException");
    }

    @Test
    void aClassNotInTheJarsNamesTheJars() throws IOException {
        assertRefused(execute(List.of("compare", "--consumers", "busy-poll,platform-thread", "--out",
                        parent.resolve("out").toString()), jar(jars.handlers(), jars.deps()),
                        handler("com.example.Nope"), CHEAP),
                "host.handler: com.example.Nope is not in the jars of --handler-jar (" + jars.handlers() + ", "
                        + jars.deps() + ")");
        assertRefused(execute(run(), jar(jars.handlers()), handler("io.nicsim.bench.cli.NicsimCli"), CHEAP),
                "host.handler: io.nicsim.bench.cli.NicsimCli is a class of nicsim's own, not of the jars");
    }

    @Test
    void aClassThatIsNoHandlerOrAbstractOrWithoutANoArgumentConstructor() throws IOException {
        assertRefused(execute(List.of("sweep", "--param", "firmware.pollIntervalNanos=0,1us", "--out",
                        parent.resolve("out").toString()), jar(jars.handlers()), handler("com.example.NotAHandler"),
                        CHEAP),
                "host.handler: com.example.NotAHandler is not a packet handler");
        assertRefused(execute(List.of("tune", "--set", "firmware.policy=coalesce", "--out",
                        parent.resolve("out").toString()), jar(jars.handlers()), handler("com.example.AbstractHandler"),
                        CHEAP.subList(2, CHEAP.size()), List.of("--set", "host.consumer=platform-thread")),
                "host.handler: com.example.AbstractHandler is abstract");
        Path dir = parent.resolve("d");
        assertRefused(execute(List.of("host", NicsimChildren.repository("scenarios/two-process.yaml").toString(),
                        "--dir", dir.toString()), jar(jars.handlers()), handler("com.example.NeedsArgument")),
                "host.handler: com.example.NeedsArgument has no public constructor without arguments");
    }

    @Test
    void aConstructorOrStaticInitializerThatThrowsIsToldWithItsMessage() throws IOException {
        assertRefused(execute(run(), jar(jars.handlers()), handler("com.example.FailingConstructor"), CHEAP),
                "host.handler: new com.example.FailingConstructor() failed: IllegalStateException: cannot reach the"
                        + " config service at db.example:5432");
        assertRefused(execute(run(), jar(jars.handlers()), handler("com.example.FailingStatic"), CHEAP),
                "host.handler: the static initializer of com.example.FailingStatic failed: IllegalStateException:"
                        + " no licence key in NICSIM_LICENCE");
    }

    @Test
    void aClassThatNeedsAClassOfNoJarNamesIt() throws IOException {
        assertRefused(execute(run(), jar(jars.handlers()), handler("com.example.MissingParent"), CHEAP),
                "host.handler: com.example.MissingParent needs com.example.dep.BaseHandler, which is in neither the"
                        + " jars of --handler-jar (" + jars.handlers() + ") nor nicsim: add the jar that holds it");
        assertRefused(execute(run(), jar(jars.handlers()), handler("com.example.MissingHelper"), CHEAP),
                "host.handler: com.example.MissingHelper needs com.example.dep.Helper");
    }

    @Test
    void oneHandlerClassPerCommand() throws IOException {
        assertRefused(execute(List.of("sweep", "--param", "host.handler=com.example.Spinning,com.example.MissingParent",
                        "--out", parent.resolve("out").toString()), jar(jars.handlers(), jars.deps()),
                        handler("com.example.Spinning"), CHEAP),
                "host.handler: one handler class per command: com.example.Spinning was loaded, and a run names"
                        + " com.example.MissingParent");
    }

    @Test
    void validateChecksTheClassOnlyWithTheJars() throws IOException {
        String scenario = NicsimChildren.repository("scenarios/policy-napi.yaml").toString();
        CliOutcome unchecked = execute(List.of("validate", scenario), handler("com.example.Nope"));
        assertThat(unchecked.code()).as(unchecked.err()).isZero();
        assertThat(unchecked.out()).contains("host.handler com.example.Nope not checked: give --handler-jar to load"
                + " and check it");
        CliOutcome checked = execute(List.of("validate", scenario), handler("com.example.MissingParent"),
                jar(jars.handlers(), jars.deps()));
        assertThat(checked.code()).as(checked.err()).isZero();
        assertThat(checked.out()).contains("host.handler com.example.MissingParent checked");
        assertRefused(execute(List.of("validate", scenario), handler("com.example.FailingConstructor"),
                jar(jars.handlers())), "new com.example.FailingConstructor() failed");
        assertRefused(execute(List.of("validate", scenario), jar(jarsDir.resolve("nope.jar"))), "no such file");
    }

    @Test
    void aChildJvmIsGivenTheJarsTheClassCameFrom() throws Exception {
        HandlerJars loaded = new HandlerJars();
        loaded.jars.addAll(List.of(jars.handlers(), jars.deps()));
        HandlerSource source = loaded.resolve(ScenarioLoader.load(null,
                List.of("host.handler=com.example.MissingParent")).host());
        assertThat(source.type().getClassLoader().getName()).isEqualTo("nicsim-handler-jars");
        assertThat(ChildRun.handlerJarArgs(source)).containsExactly("--handler-jar",
                jars.handlers().toAbsolutePath().toString(), "--handler-jar", jars.deps().toAbsolutePath().toString());
        assertThat(ChildRun.handlerJarArgs(null)).isEmpty();
        assertThatThrownBy(() -> ChildRun.handlerJarArgs(HandlerSource.of(OnClassPath.class, "test")))
                .isInstanceOf(IllegalStateException.class).hasMessage("host.handler: " + OnClassPath.class.getName()
                        + " was not loaded from jars (--handler-jar), so a child nicsim JVM cannot load it");
    }

    /** A handler on the test's class path, as the library may run one: no jar to give a child JVM. */
    public static final class OnClassPath implements io.nicsim.handler.PacketHandler {
        @Override
        public void handle(io.nicsim.handler.Packet packet) {
        }
    }
}
