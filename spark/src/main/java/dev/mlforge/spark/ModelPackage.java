package dev.mlforge.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A verified model's files as bytes, broadcast from the driver to the executors so none of them needs the server or
 * re-downloads; {@code key} (the digest of its manifest) names it in each executor's cache of loaded models.
 *
 * @param key          identifies these exact files (SHA-256 over the manifest's paths and digests)
 * @param modelUri     the URI the job was asked for
 * @param modelName    the registered model's name, or null for a {@code runs:/} or {@code models:/m-<id>} URI
 * @param modelVersion the version, or null for a {@code runs:/} or {@code models:/m-<id>} URI
 * @param files        each file's bytes by its "/"-separated path in the model directory
 */
record ModelPackage(String key, String modelUri, String modelName, String modelVersion, Map<String, byte[]> files)
        implements Serializable {

    /** Reads every file under {@code directory} (already checked against the manifest). */
    static ModelPackage read(String key, String modelUri, String modelName, String modelVersion, Path directory) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(directory.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelPackage(key, modelUri, modelName, modelVersion, files);
    }

    /** Writes the files into a new temporary directory (deleted when the JVM exits) and returns it. */
    Path materialize() {
        try {
            Path directory = Files.createTempDirectory("mlforge-batch-model-");
            directory.toFile().deleteOnExit();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = directory.resolve(file.getKey()).normalize();
                if (!target.startsWith(directory)) {
                    throw new IllegalArgumentException("model file path '" + file.getKey() + "' leaves the model directory");
                }
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
                target.toFile().deleteOnExit();
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version recorded beside each prediction: the registry version, else the URI. */
    String versionLabel() {
        return modelVersion != null ? modelVersion : modelUri;
    }

    /** The name recorded beside each prediction: the registered model's name, else the URI. */
    String nameLabel() {
        return modelName != null ? modelName : modelUri;
    }
}
