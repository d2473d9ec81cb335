package io.nicsim.handler;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the API to its semantic version: the public types and members of {@code io.nicsim.handler} are compared with
 * the listing committed for the version in {@code api-signature.txt}. A removed or changed member is a breaking
 * change (a new major version); an added one needs a new minor version; either way the listing is written anew with the
 * version it belongs to. A handler compiled against 1.x then runs on every 1.y with y at least x.
 */
class ApiSignatureTest {

    private static final List<Class<?>> TYPES = List.of(AsyncPacketHandler.class, Completion.class, HandlerApi.class,
            HandlerContext.class, HandlerLifecycle.class, Packet.class, PacketHandler.class);

    /** @return one line per public type and public member, sorted: what compiled handlers may depend on */
    static TreeSet<String> signature() {
        TreeSet<String> lines = new TreeSet<>();
        for (Class<?> type : TYPES) {
            String name = type.getSimpleName();
            lines.add("type " + name + (type.isInterface() ? " interface" : " class") + " extends "
                    + Arrays.stream(type.getInterfaces()).map(Class::getSimpleName).sorted()
                    .collect(Collectors.joining(",")));
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()) {
                    lines.add("method " + name + "." + method.getName() + "("
                            + Arrays.stream(method.getParameterTypes()).map(Class::getName)
                            .collect(Collectors.joining(",")) + ") " + method.getReturnType().getName()
                            + (method.isDefault() ? " default" : "") + (Modifier.isStatic(method.getModifiers())
                            ? " static" : "") + " throws " + Arrays.stream(method.getExceptionTypes())
                            .map(Class::getName).sorted().collect(Collectors.joining(",")));
                }
            }
            for (var field : type.getDeclaredFields()) {
                if (Modifier.isPublic(field.getModifiers())) {
                    lines.add("field " + name + "." + field.getName() + " " + field.getType().getName());
                }
            }
        }
        return lines;
    }

    private static List<String> committed() throws IOException {
        try (InputStream in = ApiSignatureTest.class.getResourceAsStream("/api-signature.txt")) {
            assertThat(in).as("api-signature.txt").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
    }

    @Test
    void theApiIsTheOneCommittedForItsVersion() throws IOException {
        List<String> file = new ArrayList<>(committed());
        String version = file.removeFirst();
        TreeSet<String> now = signature();
        List<String> removed = file.stream().filter(line -> !now.contains(line)).toList();
        List<String> added = now.stream().filter(line -> !file.contains(line)).toList();
        String rewrite = "; write the listing anew (the test's signature()) with the new version in"
                + " handler-api/src/test/resources/api-signature.txt";
        assertThat(removed).as("removed or changed since %s: a breaking change, it needs a major version above %s%s",
                version, HandlerApi.VERSION, rewrite).isEmpty();
        assertThat(added).as("added since %s: it needs a minor version above %s%s", version, HandlerApi.VERSION,
                rewrite).isEmpty();
        assertThat(version).as("the listing's version").isEqualTo("version " + HandlerApi.VERSION);
    }

    @Test
    void everyTypeOfThePackageIsListed() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(HandlerApi.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).resolve("io/nicsim/handler");
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".class"))
                    .filter(f -> !f.contains("$") && !f.equals("package-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length())))
                    .containsExactlyInAnyOrderElementsOf(TYPES.stream().map(Class::getSimpleName).toList());
        }
    }

    @Test
    void theVersionIsSemantic() {
        assertThat(HandlerApi.VERSION).matches("\\d+\\.\\d+\\.\\d+");
    }
}
