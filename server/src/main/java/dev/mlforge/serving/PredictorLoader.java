package dev.mlforge.serving;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.python.PythonConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Picks the runtime for a resolved model's files: an MLflow directory ({@code MLmodel}, onnx flavor), an
 * {@code .onnx} file, or a Tribuo {@code .tribuo} file; a directory without {@code MLmodel} must hold exactly one
 * of those files.
 */
final class PredictorLoader {
    private PredictorLoader() {}

    static Predictor load(Path location, PythonConfig python) {
        if (Files.isDirectory(location)) {
            if (MlflowModelDirectory.isModelDirectory(location)) {
                return MlflowModelDirectory.load(location, python);
            }
            return loadFile(singleModelFile(location));
        }
        if (Files.isRegularFile(location)) {
            return loadFile(location);
        }
        throw MlforgeException.invalidParameter("Model files not found (no file or directory '" + location.getFileName() + "')");
    }

    private static Path singleModelFile(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> models = files.filter(file -> isOnnx(file) || isTribuo(file)).toList();
            if (models.size() != 1) {
                throw MlforgeException.invalidParameter("Model directory " + directory.getFileName()
                        + " has no MLmodel file and " + models.size() + " .onnx/.tribuo files; expected exactly one");
            }
            return models.get(0);
        } catch (IOException e) {
            throw MlforgeException.invalidState("Cannot list model directory " + directory.getFileName() + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private static Predictor loadFile(Path file) {
        if (isOnnx(file)) {
            return OnnxPredictor.load(file);
        }
        if (isTribuo(file)) {
            return TribuoPredictor.load(file);
        }
        throw MlforgeException.invalidParameter("Unsupported model file " + file.getFileName()
                + "; mlforge serves .onnx, .tribuo and MLflow model directories");
    }

    private static boolean isOnnx(Path file) {
        return file.getFileName().toString().endsWith(".onnx");
    }

    private static boolean isTribuo(Path file) {
        return file.getFileName().toString().endsWith(".tribuo");
    }
}
