package dev.mlforge.serving;

import dev.mlforge.config.ConfigValues;
import dev.mlforge.serving.python.PythonConfig;
import java.time.Duration;

/**
 * Settings of model serving.
 *
 * @param maxBatchSize    most rows merged into one model call ({@code serving.max-batch-size}, 1 turns batching off)
 * @param maxBatchDelay   longest a request waits for others to join its batch ({@code serving.max-batch-delay}, ms);
 *                        0 merges only the requests already queued while the model was busy
 * @param queueCapacity   requests waiting per model version before 503 ({@code serving.queue-capacity})
 * @param requestTimeout  longest a request waits for its prediction ({@code serving.request-timeout}, ms)
 * @param logSampleRate   share of predictions logged, 0 to 1 ({@code serving.log-sample-rate})
 * @param maxRequestBytes largest inference request body ({@code serving.max-request-size}, bytes, k/m suffixes)
 * @param python          the Python workers of {@code python_function} models ({@code serving.python.*})
 * @param logMaxRows      most input rows the prediction log keeps per deployment, oldest trimmed first
 *                        ({@code serving.prediction-log.max-rows}, 0: no limit)
 */
public record ServingConfig(int maxBatchSize, Duration maxBatchDelay, int queueCapacity, Duration requestTimeout,
        double logSampleRate, long maxRequestBytes, PythonConfig python, long logMaxRows) {

    /** The default of {@code serving.prediction-log.max-rows}. */
    public static final long DEFAULT_LOG_MAX_ROWS = 1_000_000;

    /** Settings with the prediction log's default size limit. */
    public ServingConfig(int maxBatchSize, Duration maxBatchDelay, int queueCapacity, Duration requestTimeout,
            double logSampleRate, long maxRequestBytes, PythonConfig python) {
        this(maxBatchSize, maxBatchDelay, queueCapacity, requestTimeout, logSampleRate, maxRequestBytes, python,
                DEFAULT_LOG_MAX_ROWS);
    }

    /** Settings with the default Python workers. */
    public ServingConfig(int maxBatchSize, Duration maxBatchDelay, int queueCapacity, Duration requestTimeout,
            double logSampleRate, long maxRequestBytes) {
        this(maxBatchSize, maxBatchDelay, queueCapacity, requestTimeout, logSampleRate, maxRequestBytes,
                PythonConfig.defaults(requestTimeout));
    }

    public static ServingConfig from(ConfigValues values) {
        Duration requestTimeout = Duration.ofMillis(values.longValue("serving.request-timeout", 10_000, 1, 3_600_000));
        return new ServingConfig(
                values.integer("serving.max-batch-size", 32, 1, 4096),
                Duration.ofMillis(values.longValue("serving.max-batch-delay", 0, 0, 10_000)),
                values.integer("serving.queue-capacity", 1000, 1, 1_000_000),
                requestTimeout,
                values.decimal("serving.log-sample-rate", 1.0, 0.0, 1.0),
                values.longValue("serving.max-request-size", 8L * 1024 * 1024, 1024, 1L << 31),
                PythonConfig.from(values, requestTimeout),
                values.longValue("serving.prediction-log.max-rows", DEFAULT_LOG_MAX_ROWS, 0, 1_000_000_000));
    }
}
