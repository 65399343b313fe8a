package dev.mlforge.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Step results as JSON files in a folder, for runs without a database (the CLI's local mode). Writes go through a
 * temporary file and an atomic move, so a concurrent reader never sees half an entry.
 */
public final class FolderStepCache implements StepCache {
    private final Path folder;

    public FolderStepCache(Path folder) {
        this.folder = folder;
    }

    @Override
    public Optional<Map<String, StepValue>> find(String key) {
        Path entry = folder.resolve(key + ".json");
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try {
            Map<String, StepValue> outputs = JdbiStepCache.outputs(Files.readString(entry));
            boolean complete = outputs.values().stream()
                    .allMatch(value -> !(value instanceof StepValue.FileValue file) || Files.exists(file.file()));
            return complete ? Optional.of(outputs) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void save(String key, String stepType, Map<String, StepValue> outputs) {
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, key, ".tmp");
            Files.writeString(temporary, JdbiStepCache.toJson(outputs));
            Files.move(temporary, folder.resolve(key + ".json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write step cache entry " + key, e);
        }
    }
}
