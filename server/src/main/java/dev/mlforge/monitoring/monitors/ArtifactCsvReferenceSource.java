package dev.mlforge.monitoring.monitors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlforge.api.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads reference CSV files from the artifact repository, at the path a {@link ReferenceLocator} gives. A few
 * parsed references are cached for a while, since a scheduled monitor reads the same one on every run.
 */
public final class ArtifactCsvReferenceSource implements ReferenceSource {
    private final ArtifactRepository artifacts;
    private final ReferenceLocator locator;
    private final Cache<String, ColumnTable> cache = Caffeine.newBuilder()
            .maximumSize(8).expireAfterWrite(Duration.ofMinutes(10)).build();

    public ArtifactCsvReferenceSource(ArtifactRepository artifacts, ReferenceLocator locator) {
        this.artifacts = artifacts;
        this.locator = locator;
    }

    @Override
    public ColumnTable load(ReferenceSpec spec) {
        String path = locator.artifactPath(spec);
        return cache.get(path, key -> read(spec, key));
    }

    private ColumnTable read(ReferenceSpec spec, String path) {
        if (!artifacts.exists(path) || artifacts.isDirectory(path)) {
            throw MlforgeException.notFound("Reference of " + spec.describe() + ": no CSV file at artifact path " + path);
        }
        try (InputStream in = artifacts.read(path)) {
            return CsvColumns.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("Cannot read reference " + spec.describe() + " at " + path + ": " + e.getMessage());
        }
    }
}
