package dev.mlforge.datasets;

import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.http.Feature;
import dev.mlforge.http.Routes;
import dev.mlforge.store.Database;
import java.time.Clock;
import java.util.List;

/** The datasets feature assembled from its parts: versioned CSV datasets stored as artifacts, and their routes. */
public final class Datasets implements Feature {
    private final DatasetService service;

    public Datasets(Database database, ArtifactRepository artifacts, Clock clock, DatasetsConfig config) {
        this.service = DatasetService.create(database, artifacts, clock, config);
    }

    public DatasetService service() {
        return service;
    }

    @Override
    public List<Routes> routes() {
        return List.of(new DatasetRoutes(service));
    }
}
