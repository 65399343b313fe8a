package dev.mlforge.registry;

import dev.mlforge.http.Routes;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.events.EventBus;
import dev.mlforge.serving.DeploymentRecorder;
import dev.mlforge.serving.ModelSource;
import dev.mlforge.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registry feature assembled from its parts: what the application wires and what other features use. */
public final class Registry {
    private static final Logger log = LoggerFactory.getLogger(Registry.class);

    private final RegistryService service;
    private final ApprovalService approvals;
    private final LineageService lineage;
    private final ModelSource modelSource;

    /**
     * @param artifactRoot the artifact store's root directory on this host, or null when the store is remote; sources
     *                     given as {@code file:} URIs or absolute paths must lie inside it
     */
    public Registry(Database database, ArtifactRepository artifacts, Path artifactRoot, RunSource runs, EventBus events,
            Clock clock) {
        SourceLocator sources = new SourceLocator(artifacts, runs, artifactRoot);
        ApprovalStore approvalStore = new JdbiApprovalStore(database);
        this.service = new RegistryService(new JdbiRegistryStore(database), approvalStore, sources, artifacts, runs, events, clock);
        this.approvals = new ApprovalService(service, approvalStore, runs);
        this.lineage = new LineageService(service, new JdbiLineageStore(database));
        this.modelSource = new RegistryModelSource(service, sources, artifacts);
    }

    public RegistryService service() {
        return service;
    }

    public ApprovalService approvals() {
        return approvals;
    }

    public LineageService lineage() {
        return lineage;
    }

    public ModelSource modelSource() {
        return modelSource;
    }

    /**
     * Records in the lineage each registered version serving puts behind a deployment ({@code runs:/} models have
     * no version and are skipped). Never throws: a failure is logged, as serving requires.
     */
    public DeploymentRecorder deploymentRecorder() {
        return (deployment, role, model) -> {
            if (model.modelName() == null || model.version() == null) {
                return;
            }
            try {
                lineage.recordDeployment(model.modelName(), model.version(), deployment);
            } catch (RuntimeException e) {
                log.warn("Could not record deployment {} of {} version {} in the lineage", deployment, model.modelName(),
                        model.version(), e);
            }
        };
    }

    /** The MLflow registry API and the platform's registry API. */
    public List<Routes> routes() {
        return List.of(new MlflowRegistryRoutes(service), new RegistryRoutes(service, approvals, lineage));
    }
}
