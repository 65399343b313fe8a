package dev.mlforge.serving;

import dev.mlforge.serving.spi.ModelFiles;
import dev.mlforge.serving.spi.PredictorProvider;
import java.util.Set;

/** Serves the {@code onnx} flavor and {@code .onnx} files with ONNX Runtime (see {@link OnnxPredictor}). */
public final class OnnxPredictorProvider implements PredictorProvider {
    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public Set<String> flavors() {
        return Set.of("onnx");
    }

    @Override
    public Set<String> fileExtensions() {
        return Set.of(".onnx");
    }

    /** MLflow writes {@code onnx_model_path} (older versions {@code data}). */
    @Override
    public Predictor load(ModelFiles model) {
        String key = model.settings().hasNonNull("onnx_model_path") ? "onnx_model_path" : "data";
        return OnnxPredictor.load(model.modelFile(key, "model.onnx"));
    }
}
