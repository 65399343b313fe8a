package dev.mlforge.serving;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.spi.ModelFiles;
import dev.mlforge.serving.spi.PredictorProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Picks the runtime for a resolved model's files through the {@link PredictorProviders}: an MLflow directory
 * ({@code MLmodel}, by its flavors), or a single model file by its suffix; a directory without {@code MLmodel} must
 * hold exactly one file a provider loads.
 */
final class PredictorLoader {
    private final PredictorProviders providers;

    PredictorLoader(PredictorProviders providers) {
        this.providers = providers;
    }

    Predictor load(Path location) {
        if (Files.isDirectory(location)) {
            if (MlflowModelDirectory.isModelDirectory(location)) {
                return MlflowModelDirectory.load(location, providers);
            }
            return loadFile(singleModelFile(location));
        }
        if (Files.isRegularFile(location)) {
            return loadFile(location);
        }
        throw MlforgeException.invalidParameter("Model files not found (no file or directory '" + location.getFileName() + "')");
    }

    private Path singleModelFile(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> models = files.filter(file -> providers.forFile(file.getFileName().toString()).isPresent()).toList();
            if (models.size() != 1) {
                throw MlforgeException.invalidParameter("Model directory " + directory.getFileName()
                        + " has no MLmodel file and " + models.size() + " " + String.join("/", providers.fileExtensions())
                        + " files; expected exactly one");
            }
            return models.get(0);
        } catch (IOException e) {
            throw MlforgeException.invalidState("Cannot list model directory " + directory.getFileName() + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private Predictor loadFile(Path file) {
        PredictorProvider provider = providers.forFile(file.getFileName().toString())
                .orElseThrow(() -> MlforgeException.invalidParameter("Unsupported model file " + file.getFileName()
                        + "; mlforge serves " + String.join(", ", providers.fileExtensions())
                        + " files and MLflow model directories"));
        return provider.load(ModelFiles.singleFile(file));
    }
}
