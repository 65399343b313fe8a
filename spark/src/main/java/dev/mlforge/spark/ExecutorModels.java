package dev.mlforge.spark;

import dev.mlforge.serving.BatchModel;
import dev.mlforge.serving.PredictorProviders;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The models loaded in this JVM (an executor, or the driver in local mode), by their package's key: each model is
 * loaded once per JVM and shared by every partition and task that scores with it (the runtimes are thread-safe).
 */
final class ExecutorModels {
    private static final Map<String, BatchModel> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorModels() {}

    static BatchModel get(ModelPackage model) {
        return LOADED.computeIfAbsent(model.key(), key -> {
            LOADS.incrementAndGet();
            return BatchModel.load(model.materialize(), PredictorProviders.discover(ExecutorModels.class.getClassLoader()));
        });
    }

    /** How many times a model was loaded in this JVM (for tests: once per model, whatever the partitions). */
    static int loads() {
        return LOADS.get();
    }
}
