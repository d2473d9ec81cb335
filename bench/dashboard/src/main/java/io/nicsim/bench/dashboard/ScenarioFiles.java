package io.nicsim.bench.dashboard;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario files the page may pick: {@code *.yaml} and {@code *.yml} under the scenarios folder, at any depth
 * (names starting with a dot skipped, symbolic links not followed), named as the folder was given
 * ({@code scenarios/policy-napi.yaml}). Only a file of this list is ever read for the page.
 */
final class ScenarioFiles {

    /** The most bytes of a scenario the page edits. */
    static final long MAX_BYTES = 256 * 1024;

    private final Path folder;

    /** @param folder the scenarios folder, as given (it may not exist: then there are none) */
    ScenarioFiles(Path folder) {
        this.folder = folder;
    }

    /** @return every scenario file's name, sorted */
    List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return names;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                boolean hidden = !dir.equals(folder) && dir.getFileName().toString().startsWith(".");
                return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.getFileName().toString();
                if (attributes.isRegularFile() && !name.startsWith(".") && name.matches(".*\\.ya?ml")) {
                    names.add(file.toString().replace('\\', '/'));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        names.sort(null);
        return names;
    }

    /** @return the text of {@code name}, one of {@link #list()}'s */
    String read(String name) throws HttpError, IOException {
        Path file = file(name);
        if (Files.size(file) > MAX_BYTES) {
            throw new HttpError(HttpError.BAD_REQUEST, name + ": larger than " + MAX_BYTES / 1024 + " KiB");
        }
        try {
            return Files.readString(file);
        } catch (MalformedInputException e) {
            throw new HttpError(HttpError.BAD_REQUEST, name + ": not UTF-8 text");
        }
    }

    /** @return the file {@code name} names, if it is one of {@link #list()}'s */
    Path file(String name) throws HttpError, IOException {
        if (name == null || !list().contains(name)) {
            throw HttpError.notFound("scenario " + name);
        }
        return Path.of(name);
    }
}
