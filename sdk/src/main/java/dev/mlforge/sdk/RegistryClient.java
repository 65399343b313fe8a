package dev.mlforge.sdk;

import dev.mlforge.api.registry.ApprovalRule;
import dev.mlforge.api.registry.CreateModelVersionRequest;
import dev.mlforge.api.registry.CreateRegisteredModelRequest;
import dev.mlforge.api.registry.CreateTransitionRequest;
import dev.mlforge.api.registry.DecideTransitionRequest;
import dev.mlforge.api.registry.DeleteRegisteredModelAliasRequest;
import dev.mlforge.api.registry.GetModelVersionDownloadUriResponse;
import dev.mlforge.api.registry.Lineage;
import dev.mlforge.api.registry.ModelVersion;
import dev.mlforge.api.registry.ModelVersionDetails;
import dev.mlforge.api.registry.ModelVersionResponse;
import dev.mlforge.api.registry.RegisteredModel;
import dev.mlforge.api.registry.RegisteredModelNameRequest;
import dev.mlforge.api.registry.RegisteredModelResponse;
import dev.mlforge.api.registry.ResolvedModelFiles;
import dev.mlforge.api.registry.RenameRegisteredModelRequest;
import dev.mlforge.api.registry.SearchModelVersionsRequest;
import dev.mlforge.api.registry.SearchModelVersionsResponse;
import dev.mlforge.api.registry.SearchRegisteredModelsRequest;
import dev.mlforge.api.registry.SearchRegisteredModelsResponse;
import dev.mlforge.api.registry.SetRegisteredModelAliasRequest;
import dev.mlforge.api.registry.TransitionModelVersionStageRequest;
import dev.mlforge.api.registry.TransitionRequest;
import dev.mlforge.api.registry.VersionHistory;
import dev.mlforge.api.registry.VersionVerification;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The model registry calls ({@code /api/2.0/mlflow/registered-models/...} and {@code model-versions/...}).
 *
 * <p>Obtained from {@link MlforgeClient#registry()}; thread-safe. Version numbers are strings, as on the wire.
 * Every method throws {@link MlforgeClientException} when the server rejects the call or cannot be reached
 * ({@code RESOURCE_DOES_NOT_EXIST} for an unknown model or version).
 */
public final class RegistryClient {
    private static final String MODELS = "/api/2.0/mlflow/registered-models/";
    private static final String VERSIONS = "/api/2.0/mlflow/model-versions/";
    private static final String PLATFORM_MODELS = "/api/v1/registry/models/";
    private static final String PLATFORM_REGISTRY = "/api/v1/registry/";
    private static final String REQUESTS = "/api/v1/registry/transition-requests";
    private final HttpTransport transport;
    private final RunsClient runs;
    private final ArtifactsClient artifacts;

    RegistryClient(HttpTransport transport, RunsClient runs, ArtifactsClient artifacts) {
        this.transport = transport;
        this.runs = runs;
        this.artifacts = artifacts;
    }

    /**
     * Creates a registered model.
     *
     * @param request the name (required), tags and description
     * @return the new model
     * @throws MlforgeClientException {@code RESOURCE_ALREADY_EXISTS} when the name is taken
     */
    public RegisteredModel createModel(CreateRegisteredModelRequest request) {
        return transport.sendJson("POST", MODELS + "create", request, RegisteredModelResponse.class, false).registeredModel();
    }

    /**
     * Creates a registered model with just a name.
     *
     * @param name the unique model name
     * @return the new model
     */
    public RegisteredModel createModel(String name) {
        return createModel(new CreateRegisteredModelRequest(name, null, null));
    }

    /**
     * Fetches a registered model with its latest versions, tags and aliases.
     *
     * @param name the model name
     * @return the model
     */
    public RegisteredModel getModel(String name) {
        return transport.getJson(MODELS + "get", Map.of("name", name), RegisteredModelResponse.class).registeredModel();
    }

    /**
     * Fetches one page of registered models.
     *
     * @param request filter, page size, order and page token
     * @return the page and the token of the next one
     */
    public SearchRegisteredModelsResponse searchModels(SearchRegisteredModelsRequest request) {
        return transport.sendJson("POST", MODELS + "search", request, SearchRegisteredModelsResponse.class, true);
    }

    /**
     * Lazily walks every page of a registered-model search.
     *
     * @param filter the filter (e.g. {@code name LIKE 'churn%'}), or null for all models
     * @param orderBy order clauses, or an empty list for the server's order
     * @return all matching models
     */
    public Stream<RegisteredModel> searchAllModels(String filter, List<String> orderBy) {
        return Pages.stream(token -> {
            SearchRegisteredModelsResponse page = searchModels(new SearchRegisteredModelsRequest(filter, null,
                    orderBy == null || orderBy.isEmpty() ? null : orderBy, token));
            return new Pages.Page<>(page.registeredModels(), page.nextPageToken());
        });
    }

    /**
     * Renames a registered model; its versions move with it.
     *
     * @param name the current name
     * @param newName the new name
     * @return the renamed model
     */
    public RegisteredModel renameModel(String name, String newName) {
        return transport.sendJson("POST", MODELS + "rename", new RenameRegisteredModelRequest(name, newName),
                RegisteredModelResponse.class, true).registeredModel();
    }

    /**
     * Deletes a registered model with its versions, tags and aliases.
     *
     * @param name the model name
     */
    public void deleteModel(String name) {
        transport.sendJson("DELETE", MODELS + "delete", new RegisteredModelNameRequest(name), Void.class, true);
    }

    /**
     * Points an alias at a version, moving it when it already points elsewhere.
     *
     * @param name the model name
     * @param alias the alias, e.g. {@code champion}
     * @param version the version number
     */
    public void setAlias(String name, String alias, String version) {
        transport.sendJson("POST", MODELS + "alias", new SetRegisteredModelAliasRequest(name, alias, version), Void.class, true);
    }

    /**
     * Deletes an alias.
     *
     * @param name the model name
     * @param alias the alias
     */
    public void deleteAlias(String name, String alias) {
        transport.sendJson("DELETE", MODELS + "alias", new DeleteRegisteredModelAliasRequest(name, alias), Void.class, true);
    }

    /**
     * Fetches the version an alias points to.
     *
     * @param name the model name
     * @param alias the alias
     * @return the version
     */
    public ModelVersion getVersionByAlias(String name, String alias) {
        return transport.getJson(MODELS + "alias", Map.of("name", name, "alias", alias), ModelVersionResponse.class)
                .modelVersion();
    }

    /**
     * Registers a new version of a model.
     *
     * @param request the model name and source (required), run id, tags, run link and description
     * @return the new version
     */
    public ModelVersion createVersion(CreateModelVersionRequest request) {
        return transport.sendJson("POST", VERSIONS + "create", request, ModelVersionResponse.class, false).modelVersion();
    }

    /**
     * Registers the model a run logged under {@code artifactPath} as a new version; the source is the run's
     * artifact URI joined with the path (for example {@code mlflow-artifacts:/1/<run>/artifacts/model}).
     *
     * @param name the registered model's name (it must exist)
     * @param runId the run that logged the model
     * @param artifactPath the model directory in the run's artifacts, e.g. {@code model}
     * @return the new version
     */
    public ModelVersion registerRunModel(String name, String runId, String artifactPath) {
        String artifactUri = runs.get(runId).info().artifactUri();
        String path = ArtifactLocation.trimSlashes(artifactPath);
        String source = path.isEmpty() ? artifactUri : ArtifactLocation.trimTrailing(artifactUri) + "/" + path;
        return createVersion(new CreateModelVersionRequest(name, source, runId, null, null, null));
    }

    /**
     * Fetches a model version.
     *
     * @param name the model name
     * @param version the version number
     * @return the version
     */
    public ModelVersion getVersion(String name, String version) {
        return transport.getJson(VERSIONS + "get", Map.of("name", name, "version", version), ModelVersionResponse.class)
                .modelVersion();
    }

    /**
     * Where a version's model files can be downloaded.
     *
     * @param name the model name
     * @param version the version number
     * @return the artifact URI, e.g. {@code mlflow-artifacts:/1/<run>/artifacts/model}
     */
    public String downloadUri(String name, String version) {
        return transport.getJson(VERSIONS + "get-download-uri", Map.of("name", name, "version", version),
                GetModelVersionDownloadUriResponse.class).artifactUri();
    }

    /**
     * Downloads a version's model files into {@code destDir} (streamed, through the artifact proxy).
     *
     * @param name the model name
     * @param version the version number
     * @param destDir the local directory, created when missing; the files land directly in it
     * @param progress told about each file's progress
     * @return {@code destDir}
     */
    public Path downloadVersion(String name, String version, Path destDir, ProgressListener progress) {
        return artifacts.downloadFrom(ArtifactLocation.proxyRoot(downloadUri(name, version)), "", destDir, progress);
    }

    /**
     * Resolves a model URI as a deployment does: the concrete version, where its files are and the SHA-256 of each.
     *
     * @param modelUri {@code models:/name/1}, {@code models:/name@alias}, {@code models:/name/Stage},
     *     {@code models:/m-<id>} or {@code runs:/<run id>/<path>}
     * @return the resolved URI and its files
     * @throws MlforgeClientException {@code RESOURCE_DOES_NOT_EXIST} for an unknown model, version or alias;
     *     {@code INVALID_PARAMETER_VALUE} for a malformed URI; {@code RESOURCE_CONFLICT} (409) when the version's
     *     stored files no longer match their registered digests
     */
    public ResolvedModelFiles resolve(String modelUri) {
        return transport.getJson(PLATFORM_REGISTRY + "resolve", Map.of("model_uri", modelUri), ResolvedModelFiles.class);
    }

    /**
     * Downloads the files of a resolved model into {@code destDir} and checks each against its SHA-256, so the
     * caller scores exactly the files the registry verified.
     *
     * @param model the answer of {@link #resolve(String)}
     * @param destDir the local directory, created when missing; the files land directly in it
     * @return the directory holding the model's files ({@code destDir})
     * @throws MlforgeClientException when a downloaded file's digest or size differs from the manifest, or a file is
     *     missing or not listed
     */
    public Path download(ResolvedModelFiles model, Path destDir) {
        String storagePath = ArtifactLocation.trimSlashes(model.storagePath());
        boolean singleFile = model.files().size() == 1 && model.files().get(0).path().isEmpty();
        if (singleFile) {
            int slash = storagePath.lastIndexOf('/');
            Path file = artifacts.downloadFrom(slash < 0 ? "" : storagePath.substring(0, slash), storagePath.substring(slash + 1),
                    destDir, ProgressListener.NONE);
            ModelFileDigests.check(model, List.of(new ModelFileDigests.Local("", file)));
            return destDir;
        }
        artifacts.downloadFrom(storagePath, "", destDir, ProgressListener.NONE);
        ModelFileDigests.check(model, ModelFileDigests.list(destDir));
        return destDir;
    }

    /**
     * Fetches one page of model versions.
     *
     * @param request filter (e.g. {@code name = 'churn'}), page size, order and page token
     * @return the page and the token of the next one
     */
    public SearchModelVersionsResponse searchVersions(SearchModelVersionsRequest request) {
        return transport.sendJson("POST", VERSIONS + "search", request, SearchModelVersionsResponse.class, true);
    }

    /**
     * Lazily walks every page of a model-version search.
     *
     * @param filter the filter, or null for all versions
     * @param orderBy order clauses, or an empty list for the server's order
     * @return all matching versions
     */
    public Stream<ModelVersion> searchAllVersions(String filter, List<String> orderBy) {
        return Pages.stream(token -> {
            SearchModelVersionsResponse page = searchVersions(new SearchModelVersionsRequest(filter, null,
                    orderBy == null || orderBy.isEmpty() ? null : orderBy, token));
            return new Pages.Page<>(page.modelVersions(), page.nextPageToken());
        });
    }

    /**
     * Moves a version to a stage.
     *
     * @param name the model name
     * @param version the version number
     * @param stage {@code None}, {@code Staging}, {@code Production} or {@code Archived} (any case)
     * @param archiveExistingVersions whether the other versions in that stage move to {@code Archived}
     * @return the version in its new stage
     */
    public ModelVersion transitionStage(String name, String version, String stage, boolean archiveExistingVersions) {
        return transport.sendJson("POST", VERSIONS + "transition-stage",
                new TransitionModelVersionStageRequest(name, version, stage, archiveExistingVersions),
                ModelVersionResponse.class, true).modelVersion();
    }

    /**
     * Fetches a version with the flavors and signature its MLmodel file declares.
     *
     * @param name the model name
     * @param version the version number
     * @return the version and its metadata
     */
    public ModelVersionDetails versionDetails(String name, String version) {
        return transport.getJson(versionPath(name, version), Map.of(), ModelVersionDetails.Response.class).modelVersion();
    }

    /**
     * Lists a version's stage and alias changes, oldest first.
     *
     * @param name the model name
     * @param version the version number
     * @return the changes
     */
    public List<VersionHistory.Event> history(String name, String version) {
        List<VersionHistory.Event> events = transport.getJson(versionPath(name, version) + "/history", Map.of(),
                VersionHistory.class).events();
        return events == null ? List.of() : events;
    }

    /**
     * Checks a version's files against the digests recorded when it was registered.
     *
     * @param name the model name
     * @param version the version number
     * @return whether the files are intact, and which were modified, removed or added
     */
    public VersionVerification verify(String name, String version) {
        return transport.getJson(versionPath(name, version) + "/verify", Map.of(), VersionVerification.class);
    }

    /**
     * Sets which stages and aliases of a model change only through approved transition requests.
     *
     * @param name the model name
     * @param rule the protected stages and aliases and the metric gates (see {@link ApprovalRule#of})
     * @return the stored rule
     */
    public ApprovalRule setApprovalRule(String name, ApprovalRule rule) {
        return transport.sendJson("PUT", PLATFORM_MODELS + HttpTransport.encode(name) + "/approval-rule", rule,
                ApprovalRule.class, true);
    }

    /**
     * Fetches a model's approval rule.
     *
     * @param name the model name
     * @return the rule
     * @throws MlforgeClientException {@code RESOURCE_DOES_NOT_EXIST} when the model has none
     */
    public ApprovalRule approvalRule(String name) {
        return transport.getJson(PLATFORM_MODELS + HttpTransport.encode(name) + "/approval-rule", Map.of(),
                ApprovalRule.class);
    }

    /**
     * Asks for a stage or an alias to move to a version; the change happens when someone else approves it.
     *
     * @param name the model name
     * @param version the version number
     * @param stage the target stage, or null when {@code alias} is given
     * @param alias the target alias, or null when {@code stage} is given
     * @param comment why, or null
     * @return the pending request
     */
    public TransitionRequest requestTransition(String name, String version, String stage, String alias, String comment) {
        return transport.sendJson("POST", REQUESTS, new CreateTransitionRequest(name, version, stage, alias, null, comment),
                TransitionRequest.class, false);
    }

    /**
     * Lists transition requests, newest first.
     *
     * @param name only this model's requests, or null for all
     * @param status {@code PENDING}, {@code APPROVED} or {@code REJECTED}, or null for all
     * @return the requests
     */
    public List<TransitionRequest> transitionRequests(String name, String status) {
        Map<String, Object> query = new LinkedHashMap<>();
        putIfPresent(query, "name", name);
        putIfPresent(query, "status", status);
        List<TransitionRequest> requests = transport.getJson(REQUESTS, query, TransitionRequest.Page.class).transitionRequests();
        return requests == null ? List.of() : requests;
    }

    /**
     * Approves a pending request, which applies its change.
     *
     * @param id the request id
     * @param comment the decision's comment, or null
     * @return the approved request
     * @throws MlforgeClientException {@code PERMISSION_DENIED} when a metric gate fails, the requester approves
     *     their own request, or the model's rule requires a second approver (the server authenticates no one yet, so
     *     such requests cannot be approved); {@code INVALID_PARAMETER_VALUE} when it was already decided
     */
    public TransitionRequest approve(String id, String comment) {
        return decide(id, "approve", comment);
    }

    /**
     * Rejects a pending request; nothing changes.
     *
     * @param id the request id
     * @param comment the decision's comment, or null
     * @return the rejected request
     */
    public TransitionRequest reject(String id, String comment) {
        return decide(id, "reject", comment);
    }

    /**
     * The provenance of a version: the datasets its run trained on, the run, the version and its deployments.
     *
     * @param name the model name
     * @param version the version number
     * @return the lineage graph
     */
    public Lineage lineageOfVersion(String name, String version) {
        return transport.getJson("/api/v1/lineage", Map.of("model", name, "version", version), Lineage.class);
    }

    /**
     * What a dataset led to: the runs that trained on it, the versions they produced and their deployments.
     *
     * @param digest the dataset digest
     * @return the lineage graph
     */
    public Lineage lineageOfDataset(String digest) {
        return transport.getJson("/api/v1/lineage", Map.of("dataset_digest", digest), Lineage.class);
    }

    private TransitionRequest decide(String id, String decision, String comment) {
        return transport.sendJson("POST", REQUESTS + "/" + HttpTransport.encode(id) + "/" + decision,
                new DecideTransitionRequest(comment), TransitionRequest.class, false);
    }

    private static String versionPath(String name, String version) {
        return PLATFORM_MODELS + HttpTransport.encode(name) + "/versions/" + HttpTransport.encode(version);
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }
}
