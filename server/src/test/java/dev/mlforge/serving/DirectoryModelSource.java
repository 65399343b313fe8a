package dev.mlforge.serving;

import dev.mlforge.http.MlforgeException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hand-written {@link ModelSource} over a map of URI to directory, standing in for the registry's
 * implementation (another helper's unfinished work). Aliases are entries like {@code models:/iris@champion};
 * {@link #tamper} makes a URI fail integrity verification as the registry reports it.
 */
final class DirectoryModelSource implements ModelSource {
    private record Entry(String modelName, String version, Path directory) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Set<String> tampered = ConcurrentHashMap.newKeySet();

    DirectoryModelSource put(String uri, String modelName, String version, Path directory) {
        entries.put(uri, new Entry(modelName, version, directory));
        return this;
    }

    void tamper(String uri) {
        tampered.add(uri);
    }

    @Override
    public ResolvedModel resolve(String modelUri) {
        Entry entry = entries.get(modelUri);
        if (entry == null) {
            throw MlforgeException.notFound("Unknown model URI " + modelUri);
        }
        if (tampered.contains(modelUri)) {
            throw new MlforgeException(dev.mlforge.api.ErrorCode.RESOURCE_CONFLICT, "Artifact checksum mismatch for " + modelUri);
        }
        return new ResolvedModel(modelUri, entry.modelName(), entry.version(), entry.directory());
    }
}
