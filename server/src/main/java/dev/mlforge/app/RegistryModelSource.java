package dev.mlforge.app;

import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.registry.ModelUriResolver;
import dev.mlforge.serving.ModelSource;
import dev.mlforge.serving.ResolvedModel;

/** Serving's model source answered by the registry: a verified model URI, its files made local for the runtimes. */
public final class RegistryModelSource implements ModelSource {
    private final ModelUriResolver resolver;
    private final ArtifactRepository artifacts;

    public RegistryModelSource(ModelUriResolver resolver, ArtifactRepository artifacts) {
        this.resolver = resolver;
        this.artifacts = artifacts;
    }

    @Override
    public ResolvedModel resolve(String modelUri) {
        ModelUriResolver.ResolvedUri resolved = resolver.resolve(modelUri);
        return new ResolvedModel(resolved.uri(), resolved.modelName(), resolved.version(),
                artifacts.localPath(resolved.storagePath()));
    }

    @Override
    public java.util.Optional<String> currentVersion(String modelUri) {
        return resolver.currentVersion(modelUri);
    }
}
