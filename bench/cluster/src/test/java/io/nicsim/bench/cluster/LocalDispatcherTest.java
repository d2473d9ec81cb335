package io.nicsim.bench.cluster;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

/** The test stand-in keeps the {@link Dispatcher} contract, so what passes on it passes for what it stands in for. */
@Tag("run")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LocalDispatcherTest extends DispatcherContract {

    @Override
    protected Dispatcher dispatcher(DispatchListener listener) {
        return new LocalDispatcher(dir.resolve("scratch"), 2, listener);
    }
}
