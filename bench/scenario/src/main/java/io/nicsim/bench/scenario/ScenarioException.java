package io.nicsim.bench.scenario;

/**
 * Bad input in a scenario, an override or a flag: says where ({@code source}, a file or {@code --set}), which
 * key, and what was expected versus found. The CLI prints {@link #getMessage()} as one line and exits 2.
 */
public final class ScenarioException extends Exception {

    private static final long serialVersionUID = 1L;

    public ScenarioException(String source, String keyPath, String problem) {
        super(source + ": " + (keyPath == null || keyPath.isEmpty() ? "" : keyPath + ": ") + problem);
    }

    public ScenarioException(String source, String keyPath, String problem, Throwable cause) {
        super(source + ": " + (keyPath == null || keyPath.isEmpty() ? "" : keyPath + ": ") + problem, cause);
    }
}
