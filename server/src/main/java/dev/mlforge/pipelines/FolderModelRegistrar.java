package dev.mlforge.pipelines;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.models.ModelUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A model registry in a local folder, for pipeline runs without a server: {@code <root>/<model>/<version>/} holds
 * a copy of the model folder and {@code version.json}; {@code <root>/<model>/aliases.json} maps aliases to versions.
 */
public final class FolderModelRegistrar implements ModelRegistrar {
    private static final TypeReference<Map<String, String>> ALIASES = new TypeReference<>() {};

    private final Path root;

    public FolderModelRegistrar(Path root) {
        this.root = root;
    }

    @Override
    public synchronized RegisteredVersion register(String modelName, Path modelDirectory, String sourceRunId,
            Map<String, String> tags, Map<String, Double> metrics) {
        Path modelRoot = modelRoot(modelName);
        try {
            Files.createDirectories(modelRoot);
            int version;
            try (Stream<Path> entries = Files.list(modelRoot)) {
                version = 1 + (int) entries.filter(Files::isDirectory).count();
            }
            Path target = modelRoot.resolve(Integer.toString(version));
            copyTree(modelDirectory, target.resolve("model"));
            RegisteredVersion registered = new RegisteredVersion(modelName, Integer.toString(version),
                    ModelUri.version(modelName, Integer.toString(version)).toString(), Map.copyOf(metrics));
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("version", registered);
            record.put("run_id", sourceRunId);
            record.put("tags", tags);
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(target.resolve("version.json").toFile(), record);
            return registered;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot register " + modelName + " in " + root, e);
        }
    }

    @Override
    public synchronized void setAlias(String modelName, String alias, String version) {
        if (!Files.isDirectory(modelRoot(modelName).resolve(version))) {
            throw MlforgeException.notFound("Model '" + modelName + "' has no version " + version);
        }
        Map<String, String> aliases = new LinkedHashMap<>(aliases(modelName));
        aliases.put(alias, version);
        try {
            Json.mapper().writeValue(modelRoot(modelName).resolve("aliases.json").toFile(), aliases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Optional<RegisteredVersion> aliasHolder(String modelName, String alias) {
        String version = aliases(modelName).get(alias);
        if (version == null) {
            return Optional.empty();
        }
        try {
            var record = Json.mapper().readTree(modelRoot(modelName).resolve(version).resolve("version.json").toFile());
            return Optional.of(Json.mapper().treeToValue(record.get("version"), RegisteredVersion.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> aliases(String modelName) {
        Path file = modelRoot(modelName).resolve("aliases.json");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return Json.mapper().readValue(file.toFile(), ALIASES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path modelRoot(String modelName) {
        if (!modelName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,255}")) {
            throw MlforgeException.invalidParameter("Invalid model name '" + modelName + "'");
        }
        return root.resolve(modelName);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
