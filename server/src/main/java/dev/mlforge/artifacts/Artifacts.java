package dev.mlforge.artifacts;

import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.http.Feature;
import dev.mlforge.http.Routes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The artifacts feature: the MLflow artifact proxy routes over one {@link ArtifactRepository}, and at start the
 * removal of uploads a crash left behind.
 */
public final class Artifacts implements Feature {
    private static final Logger log = LoggerFactory.getLogger(Artifacts.class);
    /** Uploads written to within this time are kept: another server may share the store and be uploading. */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final ArtifactRepository repository;
    private final RunArtifactLocator runs;
    private final LoggedModelArtifactLocator loggedModels;
    private final Clock clock;

    /**
     * @param runs where each run's artifacts live (tracking answers it)
     * @param loggedModels where each logged model's artifacts live (tracking answers it)
     */
    public Artifacts(ArtifactRepository repository, RunArtifactLocator runs, LoggedModelArtifactLocator loggedModels,
            Clock clock) {
        this.repository = repository;
        this.runs = runs;
        this.loggedModels = loggedModels;
        this.clock = clock;
    }

    public ArtifactRepository repository() {
        return repository;
    }

    @Override
    public List<Routes> routes() {
        return List.of(new ArtifactRoutes(repository), new RunArtifactRoutes(repository, runs),
                new LoggedModelArtifactRoutes(repository, loggedModels));
    }

    /** Sweeps abandoned uploads off the start-up path (the store may be large). */
    @Override
    public void start() {
        DaemonThreads.start("mlforge-upload-sweeper", () -> {
            try {
                int deleted = repository.sweepAbandonedUploads(clock.instant().minus(ABANDONED_AFTER));
                if (deleted > 0) {
                    log.info("Removed {} abandoned upload file(s) from the artifact store", deleted);
                }
            } catch (RuntimeException e) {
                log.warn("Cannot sweep abandoned uploads: {}", e.getMessage());
            }
        });
    }
}
