package dev.mlforge.serving;

import dev.mlforge.serving.spi.ModelFiles;
import dev.mlforge.serving.spi.PredictorProvider;
import java.util.Optional;
import java.util.Set;

/**
 * Serves the {@code lightgbm} flavor of a {@code lightgbm.Booster} ({@code data: model.lgb}) and {@code .lgb} files
 * in the JVM (see {@link LightGbmPredictor}). A scikit-learn {@code LGBMModel} is saved as a pickle
 * ({@code model.pkl}), which only a Python runtime loads: this provider declines it.
 */
public final class LightGbmPredictorProvider implements PredictorProvider {
    @Override
    public String name() {
        return "lightgbm";
    }

    @Override
    public Set<String> flavors() {
        return Set.of("lightgbm");
    }

    @Override
    public Set<String> fileExtensions() {
        return Set.of(".lgb");
    }

    /** MLflow pickles scikit-learn {@code LGBMModel}s ({@code model.pkl}); the JVM reads only the text format. */
    @Override
    public Optional<String> unsupportedReason(ModelFiles model) {
        String data = model.settings().path("data").asText("model.lgb");
        if (model.file() == null && data.endsWith(".pkl")) {
            return Optional.of(data + " is a Python pickle of " + model.settings().path("model_class").asText("a scikit-learn model")
                    + "; the JVM runtime loads LightGBM text models (model.lgb, a lightgbm.Booster)");
        }
        return Optional.empty();
    }

    @Override
    public Predictor load(ModelFiles model) {
        return LightGbmPredictor.load(model.modelFile("data", "model.lgb"));
    }
}
