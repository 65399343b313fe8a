package dev.mlforge.training;

import java.nio.file.Path;

/**
 * A model directory written by {@link ModelSaver}: {@code MLmodel}, {@code model.tribuo}, {@code model.onnx} when
 * exportable, {@code model_card.md}, {@code provenance.json}, {@code metrics.json}.
 *
 * @param flavor {@code onnx} when an ONNX file was written, otherwise {@code tribuo}
 */
public record SavedModel(Path directory, String flavor, Path mlmodelFile, Path tribuoFile, Path onnxFile, Path modelCard) {
    public boolean hasOnnx() {
        return onnxFile != null;
    }
}
