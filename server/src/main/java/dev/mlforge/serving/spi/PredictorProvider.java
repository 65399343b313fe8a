package dev.mlforge.serving.spi;

import dev.mlforge.serving.Predictor;
import java.util.Optional;
import java.util.Set;

/**
 * A model runtime that serving discovers with {@link java.util.ServiceLoader}, so a team adds a flavor by putting a
 * jar on the class path (with a {@code META-INF/services/dev.mlforge.serving.spi.PredictorProvider} line) instead
 * of forking the server. Implementations need a public no-argument constructor and are used from several threads.
 *
 * <p>When a model has several flavors that providers serve, the provider with the lowest {@link #priority()} wins,
 * then the flavor listed first in the {@code MLmodel} file, among the providers that do not decline the files
 * ({@link #unsupportedReason}): runtimes in the JVM ({@link #NATIVE}) come before
 * runtimes in another process ({@link #OUT_OF_PROCESS}, e.g. Python workers for {@code python_function}).
 */
public interface PredictorProvider {
    /** The priority of a runtime inside the JVM (ONNX Runtime, Tribuo, XGBoost, LightGBM, PyTorch). */
    int NATIVE = 0;
    /** The priority of a runtime in a worker process; chosen only when no native provider serves a flavor. */
    int OUT_OF_PROCESS = 100;

    /** A short name for messages and logs, such as {@code "onnx"}. */
    String name();

    /** The {@code MLmodel} flavor names this provider loads (e.g. {@code "xgboost"}); may be empty. */
    Set<String> flavors();

    /** The suffixes of single model files it loads, with their dot (e.g. {@code ".onnx"}); may be empty. */
    Set<String> fileExtensions();

    /** Lower is chosen first among the providers of a model's flavors; {@link #NATIVE} unless overridden. */
    default int priority() {
        return NATIVE;
    }

    /**
     * Why this provider cannot load these files of its flavor (e.g. a pickle where it reads a native format), or
     * empty when it can; serving then tries the next provider of the model's flavors, such as an out-of-process one
     * for {@code python_function}.
     */
    default Optional<String> unsupportedReason(ModelFiles model) {
        return Optional.empty();
    }

    /**
     * Loads the model and warms nothing (serving warms it up). The predictor's signature is the model's own; the
     * {@code MLmodel} signature is applied by serving afterwards.
     *
     * @throws dev.mlforge.http.MlforgeException INVALID_PARAMETER_VALUE naming the file and the cause when the files
     *     are not a valid model of this flavor (the message must not contain a server-side absolute path)
     */
    Predictor load(ModelFiles model);
}
