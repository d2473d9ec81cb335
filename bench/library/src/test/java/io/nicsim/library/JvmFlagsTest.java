package io.nicsim.library;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of nicsim's JVM flags a JVM lacks, looked up by their effects (a fake JVM), and this JVM's. */
class JvmFlagsTest {

    private static final List<String> FLAGS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=jdk.compiler/x.y=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
            "-Dchronicle.analytics.disable=true", "-Xss2m");

    /** A JVM with the given effects, nothing else. */
    private static final class FakeJvm implements JvmFlags.Jvm {
        final Set<String> modules = new HashSet<>(Set.of("java.base", "jdk.compiler"));
        final Set<String> opened = new HashSet<>();
        final Set<String> exported = new HashSet<>();
        final Map<String, String> properties = new HashMap<>();
        boolean nativeAccess;
        List<String> arguments = List.of();

        @Override
        public boolean hasModule(String module) {
            return modules.contains(module);
        }

        @Override
        public boolean opens(String module, String pkg) {
            return opened.contains(module + "/" + pkg);
        }

        @Override
        public boolean exports(String module, String pkg) {
            return exported.contains(module + "/" + pkg) || opens(module, pkg);
        }

        @Override
        public boolean nativeAccess() {
            return nativeAccess;
        }

        @Override
        public String property(String key) {
            return properties.get(key);
        }

        @Override
        public List<String> inputArguments() {
            return arguments;
        }
    }

    @Test
    void aJvmWithoutFlagsLacksEveryOne() {
        assertThat(JvmFlags.missing(FLAGS, new FakeJvm())).isEqualTo(FLAGS);
    }

    @Test
    void eachFlagIsMetByItsEffect() {
        FakeJvm jvm = new FakeJvm();
        jvm.opened.add("java.base/java.lang");
        jvm.exported.add("java.base/sun.nio.ch");
        jvm.exported.add("jdk.compiler/x.y");
        jvm.nativeAccess = true;
        jvm.properties.put("sun.misc.unsafe.memory.access", "allow");
        jvm.properties.put("chronicle.analytics.disable", "true");
        jvm.arguments = List.of("-Xss2m");
        assertThat(JvmFlags.missing(FLAGS, jvm)).isEmpty();
    }

    @Test
    void anExportIsNotAnOpenAndAPropertyMustHaveItsValue() {
        FakeJvm jvm = new FakeJvm();
        jvm.exported.add("java.base/java.lang");
        jvm.properties.put("chronicle.analytics.disable", "false");
        jvm.properties.put("sun.misc.unsafe.memory.access", "warn");
        assertThat(JvmFlags.missing(FLAGS, jvm)).contains("--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dchronicle.analytics.disable=true", "--sun-misc-unsafe-memory-access=allow");
    }

    @Test
    void aFlagAboutAModuleTheJvmLacksIsNotNeeded() {
        FakeJvm jvm = new FakeJvm();
        jvm.modules.remove("jdk.compiler");
        assertThat(JvmFlags.missing(FLAGS, jvm)).doesNotContain("--add-exports=jdk.compiler/x.y=ALL-UNNAMED");
    }

    @Test
    void theErrorIsOneLineListingTheMissingFlagsThenAllOfThem() {
        String problem = JvmFlags.problem(List.of("-Da=1"), List.of("-Da=1", "-Db=2"));
        assertThat(problem).isEqualTo("this JVM lacks flags nicsim needs for Chronicle Queue: -Da=1; start it with"
                + " every flag of nicsim's jvm.options (in a Maven test: surefire's argLine): -Da=1 -Db=2")
                .doesNotContain("\n");
        assertThat(JvmFlags.problem(List.of(), List.of("-Da=1"))).isNull();
    }

    @Test
    void anArgumentFileIsParsedAsJavaReadsIt() {
        assertThat(JvmFlags.parse("# comment\n--a=b   -Dc=d # tail\n\n  -De\n")).containsExactly("--a=b", "-Dc=d",
                "-De");
    }

    @Test
    void theJarCarriesTheRepositorysJvmOptions() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize(); // surefire runs bench modules from bench/
        assertThat(JvmFlags.required()).isNotEmpty()
                .isEqualTo(JvmFlags.parse(Files.readString(root.resolve("jvm.options"))));
    }

    @Test
    void thisTestJvmHasEveryFlag() {
        assertThat(JvmFlags.missing(JvmFlags.required(), JvmFlags.current())).isEmpty();
        JvmFlags.check();
    }
}
