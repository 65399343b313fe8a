package dev.mlforge.pipelines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake {@link ModelRegistrar} for the pipeline runner's unit tests: versions numbered per model, aliases in a map.
 * The real adapter over the registry is tested in {@code app/LifecycleAdaptersTest}.
 */
final class InMemoryRegistrar implements ModelRegistrar {
    final Map<String, List<RegisteredVersion>> versions = new ConcurrentHashMap<>();
    final Map<String, String> aliases = new ConcurrentHashMap<>();

    @Override
    public synchronized RegisteredVersion register(String modelName, Path modelDirectory, String sourceRunId,
            Map<String, String> tags, Map<String, Double> metrics) {
        if (!Files.isRegularFile(modelDirectory.resolve("MLmodel"))) {
            throw new IllegalArgumentException("not a model directory: " + modelDirectory);
        }
        List<RegisteredVersion> list = versions.computeIfAbsent(modelName, name -> new ArrayList<>());
        String version = Integer.toString(list.size() + 1);
        RegisteredVersion registered = new RegisteredVersion(modelName, version, "models:/" + modelName + "/" + version, Map.copyOf(metrics));
        list.add(registered);
        return registered;
    }

    @Override
    public void setAlias(String modelName, String alias, String version) {
        aliases.put(modelName + "@" + alias, version);
    }

    @Override
    public Optional<RegisteredVersion> aliasHolder(String modelName, String alias) {
        String version = aliases.get(modelName + "@" + alias);
        if (version == null) {
            return Optional.empty();
        }
        return Optional.of(versions.get(modelName).get(Integer.parseInt(version) - 1));
    }
}
