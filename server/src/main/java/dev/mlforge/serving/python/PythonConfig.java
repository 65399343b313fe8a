package dev.mlforge.serving.python;

import dev.mlforge.config.ConfigValues;
import java.time.Duration;

/**
 * Settings of the Python workers that serve {@code python_function} models.
 *
 * @param interpreter         the Python executable the workers run ({@code serving.python.interpreter}, default
 *                            {@code python3} on the PATH)
 * @param workers             worker processes per loaded model version ({@code serving.python.workers})
 * @param startTimeout        longest a worker may take to load its model and answer ready
 *                            ({@code serving.python.start-timeout}, ms)
 * @param callTimeout         longest one batch may take in a worker before the worker is killed and replaced (the
 *                            request timeout, {@code serving.request-timeout})
 * @param buildEnvironments   whether a model whose packages the interpreter lacks gets a virtual environment built
 *                            from its requirements ({@code serving.python.environments}: {@code auto} or {@code off})
 * @param indexUrl            the package index pip installs from ({@code serving.python.index-url}); empty: pip's own
 *                            configuration ({@code PIP_INDEX_URL}, {@code pip.conf}, else PyPI)
 * @param environmentTimeout  longest building one environment may take ({@code serving.python.environment-timeout}, ms)
 */
public record PythonConfig(String interpreter, int workers, Duration startTimeout, Duration callTimeout,
        boolean buildEnvironments, String indexUrl, Duration environmentTimeout) {

    /**
     * One worker by default: the batching queue hands a busy model every request queued meanwhile as one call,
     * so one worker keeps one core busy with whole batches while the other core of a 2-core box runs the HTTP
     * side; a second worker only adds parallel calls on hosts with cores to spare.
     */
    public static final int DEFAULT_WORKERS = 1;

    public static PythonConfig from(ConfigValues values, Duration callTimeout) {
        return new PythonConfig(
                values.string("serving.python.interpreter", "python3"),
                values.integer("serving.python.workers", DEFAULT_WORKERS, 1, 64),
                Duration.ofMillis(values.longValue("serving.python.start-timeout", 60_000, 1_000, 3_600_000)),
                callTimeout,
                values.string("serving.python.environments", "auto").equals("auto"),
                values.string("serving.python.index-url", ""),
                Duration.ofMillis(values.longValue("serving.python.environment-timeout", 600_000, 10_000, 7_200_000)));
    }

    /** The defaults, with {@code callTimeout} as the request timeout. */
    public static PythonConfig defaults(Duration callTimeout) {
        return new PythonConfig("python3", DEFAULT_WORKERS, Duration.ofSeconds(60), callTimeout, true, "",
                Duration.ofMinutes(10));
    }
}
