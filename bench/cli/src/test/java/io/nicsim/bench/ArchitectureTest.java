package io.nicsim.bench;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers docs/architecture.md states, checked on the compiled main classes of every module: a layer depends only
 * on the layers below it, and no package depends on itself through others.
 */
class ArchitectureTest {

    /** Each layer, bottom first, with the packages it holds ({@code ..} = and below, else that package alone). */
    private static final Map<String, List<String>> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("firmware-model", List.of("io.nicsim.firmware.."));
        LAYERS.put("nic-sim", List.of("io.nicsim.nic.."));
        LAYERS.put("host measurement", List.of("io.nicsim.host.measure..", "io.nicsim.host.cost.."));
        LAYERS.put("host kernel", List.of("io.nicsim.host.kernel.."));
        LAYERS.put("host handler", List.of("io.nicsim.host.handler.."));
        LAYERS.put("host interrupt path", List.of("io.nicsim.host.interrupt.."));
        LAYERS.put("host receive", List.of("io.nicsim.host.rx.."));
        LAYERS.put("host hand-off", List.of("io.nicsim.host.handoff.."));
        LAYERS.put("host consumers", List.of("io.nicsim.host.consumer.."));
        LAYERS.put("host shapes", List.of("io.nicsim.host.shape.."));
        LAYERS.put("host catalogue", List.of("io.nicsim.host"));
        LAYERS.put("host model", List.of("io.nicsim.host.model.."));
        LAYERS.put("scenario", List.of("io.nicsim.bench.scenario.."));
        LAYERS.put("results", List.of("io.nicsim.bench.results.."));
        LAYERS.put("report", List.of("io.nicsim.bench.report.."));
        LAYERS.put("runner", List.of("io.nicsim.bench.run..", "io.nicsim.bench.scale..", "io.nicsim.bench.send..",
                "io.nicsim.bench.process.."));
        LAYERS.put("tune", List.of("io.nicsim.bench.tune.."));
        LAYERS.put("perf", List.of("io.nicsim.bench.perf.."));
        LAYERS.put("cluster", List.of("io.nicsim.bench.cluster.."));
        LAYERS.put("dashboard", List.of("io.nicsim.bench.dashboard.."));
        LAYERS.put("cli", List.of("io.nicsim.bench.cli.."));
    }

    /** Layers on one level that must not see each other: tune and perf both sit on the runner. */
    private static final Map<String, String> SIBLINGS = Map.of("tune", "perf", "perf", "tune");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.nicsim");
    }

    @Test
    void everyLayerDependsOnlyOnTheLayersBelowIt() {
        List<String> names = new ArrayList<>(LAYERS.keySet());
        for (int i = 0; i < names.size(); i++) {
            List<String> above = new ArrayList<>(List.of("io.nicsim.bench.jmh.."));
            for (int j = i + 1; j < names.size(); j++) {
                if (!names.get(j).equals(SIBLINGS.get(names.get(i)))) {
                    above.addAll(LAYERS.get(names.get(j)));
                }
            }
            if (SIBLINGS.containsKey(names.get(i))) {
                above.addAll(LAYERS.get(SIBLINGS.get(names.get(i))));
            }
            ArchRule rule = noClasses().that().resideInAnyPackage(LAYERS.get(names.get(i)).toArray(String[]::new))
                    .should().dependOnClassesThat().resideInAnyPackage(above.toArray(String[]::new))
                    .because("layer '" + names.get(i) + "' sits below them (docs/architecture.md)");
            rule.check(classes);
        }
    }

    @Test
    void theMicroBenchmarksSeeOnlyTheModelAndTheHost() {
        noClasses().that().resideInAPackage("io.nicsim.bench.jmh..")
                .should().dependOnClassesThat().resideInAnyPackage("io.nicsim.bench.scenario..",
                        "io.nicsim.bench.results..", "io.nicsim.bench.report..", "io.nicsim.bench.run..",
                        "io.nicsim.bench.tune..", "io.nicsim.bench.perf..", "io.nicsim.bench.cli..")
                .because("JMH stays off the CLI's class path: nicsim bench starts it in a JVM of its own")
                .check(classes);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("io.nicsim.(**)").should().beFreeOfCycles().check(classes);
    }
}
