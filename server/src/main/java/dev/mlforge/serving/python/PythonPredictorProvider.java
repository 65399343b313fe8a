package dev.mlforge.serving.python;

import dev.mlforge.serving.Predictor;
import dev.mlforge.serving.spi.ModelFiles;
import dev.mlforge.serving.spi.PredictorProvider;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code python_function} flavor through the predictor SPI, out of process: chosen only when no runtime in the
 * JVM serves one of the model's flavors (or every such runtime declined its files, as for a pickled booster). Built
 * by the application with the {@code serving.python.*} settings rather than discovered, since it needs them.
 */
public final class PythonPredictorProvider implements PredictorProvider {
    private final PythonConfig config;
    private final PythonEnvironments environments;

    public PythonPredictorProvider(PythonConfig config, PythonEnvironments environments) {
        this.config = config;
        this.environments = environments;
    }

    @Override
    public String name() {
        return "python_function";
    }

    @Override
    public Set<String> flavors() {
        return Set.of("python_function");
    }

    @Override
    public Set<String> fileExtensions() {
        return Set.of();
    }

    @Override
    public int priority() {
        return OUT_OF_PROCESS;
    }

    @Override
    public Optional<String> unsupportedReason(ModelFiles model) {
        return PythonPredictor.supports(model.mlmodel()) ? Optional.empty() : Optional.of("its loader_module '"
                + model.settings().path("loader_module").asText("") + "' is not one the Python workers load "
                + "(mlflow.sklearn, mlflow.xgboost, mlflow.pyfunc.model)");
    }

    @Override
    public Predictor load(ModelFiles model) {
        return PythonPredictor.load(model.directory(), model.mlmodel(), config, environments);
    }
}
