package dev.mlforge.registry;

import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.models.MlModel;
import java.io.IOException;
import java.io.InputStream;

/** Finds a model version's {@code MLmodel} file in the artifact store and keeps what the registry records of it. */
final class MlModelFile {
    private MlModelFile() {}

    /** The metadata of the model directory {@code storagePath}; empty flavors and no signature without an MLmodel. */
    static ModelMetadata read(ArtifactRepository artifacts, String storagePath) {
        String file = storagePath.isEmpty() ? MlModel.FILE_NAME : storagePath + "/" + MlModel.FILE_NAME;
        if (!artifacts.isDirectory(storagePath) || !artifacts.exists(file)) {
            return new ModelMetadata(Json.mapper().createObjectNode(), null);
        }
        try (InputStream in = artifacts.read(file)) {
            MlModel model = MlModel.read(in);
            return new ModelMetadata(model.flavors(), model.signature());
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("The MLmodel file at " + file + " is not valid YAML: " + e.getMessage());
        }
    }
}
