package dev.mlforge.serving;

import dev.mlforge.serving.spi.ModelFiles;
import dev.mlforge.serving.spi.PredictorProvider;
import java.util.Set;

/** Serves the {@code tribuo} flavor mlforge's trainers write and {@code .tribuo} files (see {@link TribuoPredictor}). */
public final class TribuoPredictorProvider implements PredictorProvider {
    @Override
    public String name() {
        return "tribuo";
    }

    @Override
    public Set<String> flavors() {
        return Set.of("tribuo");
    }

    @Override
    public Set<String> fileExtensions() {
        return Set.of(".tribuo");
    }

    @Override
    public Predictor load(ModelFiles model) {
        return TribuoPredictor.load(model.modelFile("model_path", "model.tribuo"));
    }
}
