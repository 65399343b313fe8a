package dev.mlforge.serving;

import dev.mlforge.serving.spi.ModelFiles;
import dev.mlforge.serving.spi.PredictorProvider;
import java.util.Set;

/**
 * Serves the {@code xgboost} flavor ({@code data: model.ubj|model.json|model.xgb}, {@code model_class}) and
 * {@code .ubj}/{@code .xgb} files in the JVM (see {@link XGBoostPredictor}); a plain {@code .json} file is not
 * claimed, since many model formats are JSON.
 */
public final class XGBoostPredictorProvider implements PredictorProvider {
    @Override
    public String name() {
        return "xgboost";
    }

    @Override
    public Set<String> flavors() {
        return Set.of("xgboost");
    }

    @Override
    public Set<String> fileExtensions() {
        return Set.of(".ubj", ".xgb");
    }

    @Override
    public Predictor load(ModelFiles model) {
        String modelClass = model.settings().path("model_class").asText(null);
        return XGBoostPredictor.load(model.modelFile("data", "model.ubj"), modelClass);
    }
}
