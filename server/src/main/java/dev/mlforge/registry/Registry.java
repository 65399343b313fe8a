package dev.mlforge.registry;

import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.events.EventBus;
import dev.mlforge.http.Feature;
import dev.mlforge.http.Routes;
import dev.mlforge.store.Database;
import java.time.Clock;
import java.util.List;

/** The registry feature assembled from its parts: what the application wires and what other features use. */
public final class Registry implements Feature {
    private final RegistryService service;
    private final ApprovalService approvals;
    private final LineageService lineage;
    private final ModelUriResolver resolver;

    public Registry(Database database, ArtifactRepository artifacts, RunSource runs, LoggedModelLocator loggedModels,
            EventBus events, Clock clock) {
        SourceLocator sources = new SourceLocator(artifacts, runs, loggedModels);
        ApprovalStore approvalStore = new JdbiApprovalStore(database);
        this.service = new RegistryService(new JdbiRegistryStore(database), approvalStore, sources, artifacts, runs, events, clock);
        this.approvals = new ApprovalService(service, approvalStore, runs);
        this.lineage = new LineageService(service, new JdbiLineageStore(database), loggedModels);
        this.resolver = new ModelUriResolver(service, sources);
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

    /** Resolves {@code models:/} (including {@code models:/m-<id>}) and {@code runs:/} URIs to verified model files in the artifact store. */
    public ModelUriResolver resolver() {
        return resolver;
    }

    /** The MLflow registry API and the platform's registry API. */
    @Override
    public List<Routes> routes() {
        return List.of(new MlflowRegistryRoutes(service), new RegistryRoutes(service, approvals, lineage, resolver));
    }
}
