package dev.mlforge.serving.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.models.MlModel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files a {@link PredictorProvider} loads: either one flavor of an MLflow model directory, or a single model
 * file (then {@code flavor} and {@code mlmodel} are null and {@code settings} is empty).
 *
 * @param directory the model directory (the file's folder for a single file)
 * @param flavor    the chosen flavor's name in {@code MLmodel}, e.g. {@code "xgboost"}
 * @param settings  that flavor's mapping in {@code MLmodel} (e.g. {@code data}, {@code model_class})
 * @param mlmodel   the whole {@code MLmodel} file, for the signature, metadata and other flavors
 * @param file      the single model file, or null for a model directory
 */
public record ModelFiles(Path directory, String flavor, JsonNode settings, MlModel mlmodel, Path file) {

    /** One flavor of the MLflow model in {@code directory}. */
    public static ModelFiles flavor(Path directory, MlModel mlmodel, String flavor) {
        return new ModelFiles(directory, flavor, mlmodel.flavor(flavor), mlmodel, null);
    }

    /** A single model file, such as {@code model.onnx}. */
    public static ModelFiles singleFile(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return new ModelFiles(parent, null, JsonNodeFactory.instance.objectNode(), null, file);
    }

    /**
     * The model file: the single file, else the file the flavor setting {@code key} names (else {@code fallback}),
     * which must lie inside the model directory.
     *
     * @throws MlforgeException INVALID_PARAMETER_VALUE when the named file is missing or outside the directory
     */
    public Path modelFile(String key, String fallback) {
        if (file != null) {
            return file;
        }
        String name = settings.hasNonNull(key) ? settings.get(key).asText() : fallback;
        Path resolved = directory.resolve(name).normalize();
        if (!resolved.startsWith(directory.normalize()) || !Files.isRegularFile(resolved)) {
            throw MlforgeException.invalidParameter("MLflow model names " + flavor + " file '" + name
                    + "', which is not in the model directory");
        }
        return resolved;
    }

    /** The file name for messages (never an absolute path). */
    public static String displayName(Path file) {
        return String.valueOf(file.getFileName());
    }
}
