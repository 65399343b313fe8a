package dev.mlforge.registry;

import dev.mlforge.search.ResultPage;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.events.AliasChanged;
import dev.mlforge.events.ModelRegistered;
import dev.mlforge.events.ModelVersionDeleted;
import dev.mlforge.events.ModelVersionTagChanged;
import dev.mlforge.events.ModelVersionTransitioned;
import dev.mlforge.events.RegisteredModelCreated;
import dev.mlforge.events.RegisteredModelTagChanged;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.events.EventBus;
import dev.mlforge.search.FilterClause;
import dev.mlforge.search.PageToken;
import dev.mlforge.search.SearchEntity;
import dev.mlforge.search.SearchFilterParser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The model registry's use cases with MLflow's validation: registered models, versions, tags, aliases, stages,
 * searches, plus integrity checks and the approval rules that guard protected stages and aliases.
 */
public final class RegistryService {

    private final RegistryStore store;
    private final ApprovalStore approvals;
    private final SourceLocator sources;
    private final ArtifactManifests manifests;
    private final dev.mlforge.artifacts.ArtifactRepository artifacts;
    private final RunSource runs;
    private final EventBus events;
    private final Clock clock;

    RegistryService(RegistryStore store, ApprovalStore approvals, SourceLocator sources,
            dev.mlforge.artifacts.ArtifactRepository artifacts, RunSource runs, EventBus events, Clock clock) {
        this.store = store;
        this.approvals = approvals;
        this.sources = sources;
        this.manifests = new ArtifactManifests(artifacts);
        this.artifacts = artifacts;
        this.runs = runs;
        this.events = events;
        this.clock = clock;
    }

    // ---- registered models

    public RegisteredModelEntity createRegisteredModel(String name, String description, Map<String, String> tags, String user) {
        RegistryValidation.modelName(name);
        tags.forEach(RegistryValidation::tag);
        long now = now();
        RegisteredModelEntity model = store.createModel(name, description, tags, user, now);
        events.publish(new RegisteredModelCreated(name, description, ordered(tags), Instant.ofEpochMilli(now)));
        return model;
    }

    public RegisteredModelEntity getRegisteredModel(String name) {
        RegistryValidation.modelName(name);
        return store.findModel(name)
                .orElseThrow(() -> MlforgeException.notFound("Registered Model with name=" + name + " not found"));
    }

    public RegisteredModelEntity renameRegisteredModel(String name, String newName) {
        RegistryValidation.modelName(name);
        RegistryValidation.modelName(newName);
        return store.renameModel(name, newName, now());
    }

    public RegisteredModelEntity updateRegisteredModel(String name, String description) {
        RegistryValidation.modelName(name);
        return store.updateModelDescription(name, description, now());
    }

    public void deleteRegisteredModel(String name) {
        RegistryValidation.modelName(name);
        store.deleteModel(name);
    }

    public ResultPage<RegisteredModelEntity> searchRegisteredModels(String filter, Integer maxResults, List<String> orderBy, String pageToken) {
        int limit = RegistryValidation.maxResults(maxResults, 100, 1000);
        List<FilterClause> clauses = SearchFilterParser.parseFilter(filter, SearchEntity.REGISTERED_MODELS);
        return store.searchModels(new SearchQuery(clauses, SearchFilterParser.parseOrderBy(orderBy, SearchEntity.REGISTERED_MODELS),
                PageToken.decode(pageToken), limit));
    }

    public void setRegisteredModelTag(String name, String key, String value) {
        RegistryValidation.modelName(name);
        RegistryValidation.tag(key, value);
        long now = now();
        store.setModelTag(name, key, value, now);
        events.publish(new RegisteredModelTagChanged(name, key, value, Instant.ofEpochMilli(now)));
    }

    public void deleteRegisteredModelTag(String name, String key) {
        RegistryValidation.modelName(name);
        RegistryValidation.tag(key, null);
        store.deleteModelTag(name, key);
        events.publish(new RegisteredModelTagChanged(name, key, null, clock.instant()));
    }

    /** The latest version in each of {@code stages} (every stage when empty), ordered by stage. */
    public List<ModelVersionEntity> getLatestVersions(String name, List<String> stages) {
        RegisteredModelEntity model = getRegisteredModel(name);
        if (stages.isEmpty()) {
            return model.latestVersions();
        }
        Set<Stage> wanted = new java.util.HashSet<>();
        stages.forEach(stage -> wanted.add(Stage.parse(stage)));
        return model.latestVersions().stream().filter(version -> wanted.contains(version.currentStage())).toList();
    }

    // ---- versions

    public ModelVersionEntity createModelVersion(String name, String source, String runId, Map<String, String> tags,
            String runLink, String description, String user) {
        return createModelVersion(name, source, runId, tags, runLink, description, user, null);
    }

    /**
     * Registers a version, as MLflow does even when its files are not uploaded yet: the manifest is taken now when
     * they are there, else on the first {@link #verify} that finds them. {@code loggedModelId} is MLflow 3's
     * {@code model_id} field; a {@code models:/m-<id>} source names it too. Prompt versions (tagged
     * {@code mlflow.prompt.is_prompt}) have no files: their source is kept as written, local paths refused.
     */
    public ModelVersionEntity createModelVersion(String name, String source, String runId, Map<String, String> tags,
            String runLink, String description, String user, String loggedModelId) {
        RegistryValidation.modelName(name);
        if (source == null || source.isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'source'.");
        }
        tags.forEach(RegistryValidation::tag);
        getRegisteredModel(name);
        if (tags.containsKey(PromptFilter.IS_PROMPT_TAG)) {
            return register(name, source, OpaqueSources.checked(source), runId, tags, runLink, description, user,
                    emptyString(loggedModelId), null, true, ModelMetadata.none(), List.of());
        }
        SourceLocator.Located located = sources.locate(source);
        if (located.storagePath() != null && located.storagePath().isEmpty()) {
            throw SourceLocator.refused(source, "it names the whole artifact store");
        }
        String modelId = located.loggedModelId() != null ? located.loggedModelId() : emptyString(loggedModelId);
        String effectiveRunId = runId == null || runId.isEmpty() ? located.run() == null ? null : located.run().runId() : runId;
        if (modelId != null) { // refused before anything is written when the logged model does not exist
            String loggedRunId = sources.loggedModel(modelId).sourceRunId();
            effectiveRunId = effectiveRunId == null ? loggedRunId : effectiveRunId;
        }
        RunFacts run = located.run();
        if (run == null && effectiveRunId != null) {
            run = runs.find(effectiveRunId).orElse(null);
        }
        ModelMetadata metadata = located.present() ? MlModelFile.read(artifacts, located.storagePath()) : ModelMetadata.none();
        List<ManifestEntry> manifest = located.present() ? manifests.compute(located.storagePath()) : List.of();
        ModelVersionEntity version = register(name, source, located.storagePath() == null ? "" : located.storagePath(),
                effectiveRunId, tags, runLink, description, user, modelId, run, located.present(), metadata, manifest);
        if (modelId != null) {
            sources.recordRegisteredVersion(modelId, name, version.version());
        }
        return version;
    }

    private ModelVersionEntity register(String name, String source, String storagePath, String runId, Map<String, String> tags,
            String runLink, String description, String user, String loggedModelId, RunFacts run, boolean filesRecorded,
            ModelMetadata metadata, List<ManifestEntry> manifest) {
        long now = now();
        ModelVersionEntity version = store.createVersion(new NewVersion(name, source, storagePath, runId, runLink,
                description, user, tags, run == null ? null : run.tags().get(RunFacts.GIT_COMMIT_TAG),
                metadata.flavors().toString(), metadata.signature() == null ? null : metadata.signature().toString(),
                manifest, run == null ? List.of() : run.datasets(), now, loggedModelId, filesRecorded));
        events.publish(new ModelRegistered(name, String.valueOf(version.version()), runId, source, description,
                ordered(tags), Instant.ofEpochMilli(now)));
        return version;
    }

    private static String emptyString(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    public ModelVersionEntity getModelVersion(String name, String version) {
        RegistryValidation.modelName(name);
        int number = RegistryValidation.version(version);
        return store.findVersion(name, number).orElseThrow(() ->
                MlforgeException.notFound("Model Version (name=" + name + ", version=" + number + ") not found"));
    }

    public ModelVersionEntity updateModelVersion(String name, String version, String description) {
        RegistryValidation.modelName(name);
        return store.updateVersionDescription(name, RegistryValidation.version(version), description, now());
    }

    public void deleteModelVersion(String name, String version) {
        RegistryValidation.modelName(name);
        int number = RegistryValidation.version(version);
        store.deleteVersion(name, number);
        events.publish(new ModelVersionDeleted(name, String.valueOf(number), clock.instant()));
    }

    public ResultPage<ModelVersionEntity> searchModelVersions(String filter, Integer maxResults, List<String> orderBy, String pageToken) {
        int limit = RegistryValidation.maxResults(maxResults, 10_000, 200_000);
        List<FilterClause> clauses = SearchFilterParser.parseFilter(filter, SearchEntity.MODEL_VERSIONS).stream()
                .map(RegistryService::canonicalStage).toList();
        return store.searchVersions(new SearchQuery(clauses, SearchFilterParser.parseOrderBy(orderBy, SearchEntity.MODEL_VERSIONS),
                PageToken.decode(pageToken), limit));
    }

    /** A {@code current_stage} clause names stages in any case MLflow accepts; the store holds the canonical name. */
    private static FilterClause canonicalStage(FilterClause clause) {
        if (!clause.isAttribute("current_stage")) {
            return clause;
        }
        Object value = clause.value() instanceof List<?> stages
                ? stages.stream().map(stage -> Stage.parse((String) stage).canonical()).toList()
                : Stage.parse(clause.stringValue()).canonical();
        return new FilterClause(clause.type(), clause.key(), clause.comparator(), value);
    }

    public void setModelVersionTag(String name, String version, String key, String value) {
        RegistryValidation.modelName(name);
        RegistryValidation.tag(key, value);
        int number = RegistryValidation.version(version);
        long now = now();
        store.setVersionTag(name, number, key, value, now);
        events.publish(new ModelVersionTagChanged(name, String.valueOf(number), key, value, Instant.ofEpochMilli(now)));
    }

    public void deleteModelVersionTag(String name, String version, String key) {
        RegistryValidation.modelName(name);
        RegistryValidation.tag(key, null);
        int number = RegistryValidation.version(version);
        store.deleteVersionTag(name, number, key);
        events.publish(new ModelVersionTagChanged(name, String.valueOf(number), key, null, clock.instant()));
    }

    /**
     * The URI clients download a version from: the proxied artifact store path of its files (for a
     * {@code models:/m-<id>} source, the logged model's artifacts); a prompt or a remote source answers the source, as
     * MLflow answers its storage location.
     */
    public String getDownloadUri(String name, String version) {
        ModelVersionEntity modelVersion = getModelVersion(name, version);
        return hasNoFiles(modelVersion) ? modelVersion.source() : "mlflow-artifacts:/" + modelVersion.storagePath();
    }

    /** Prompt versions (template in tags) and remote sources ({@code s3://...}) have no place in the artifact store. */
    private static boolean hasNoFiles(ModelVersionEntity version) {
        return version.storagePath() == null || version.storagePath().isEmpty();
    }

    /** Opens the file {@code path} (relative to the version's directory) of a version, for the MLflow UI. */
    public java.io.InputStream openArtifact(String name, String version, String path) {
        ModelVersionEntity modelVersion = getModelVersion(name, version);
        if (path == null || path.isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'path'.");
        }
        if (hasNoFiles(modelVersion)) {
            throw MlforgeException.notFound("Model Version (name=" + name + ", version=" + modelVersion.version()
                    + ") has no files");
        }
        String full = dev.mlforge.artifacts.ArtifactUris.relativePath(
                dev.mlforge.artifacts.ArtifactUris.toUri(modelVersion.storagePath()), path);
        if (full.equals(modelVersion.storagePath()) || !artifacts.exists(full) || artifacts.isDirectory(full)) {
            throw MlforgeException.notFound("No file '" + path + "' in Model Version (name=" + name + ", version="
                    + modelVersion.version() + ")");
        }
        return artifacts.read(full);
    }

    // ---- stages and aliases (direct calls refuse protected targets)

    public ModelVersionEntity transitionStage(String name, String version, String stage, boolean archiveExisting, String user) {
        ModelVersionEntity current = getModelVersion(name, version);
        Stage target = Stage.parse(stage);
        Optional<ApprovalRuleEntity> rule = approvals.rule(name);
        if (rule.isPresent() && (rule.get().protects(target) || rule.get().protects(current.currentStage()))) {
            Stage guarded = rule.get().protects(target) ? target : current.currentStage();
            throw protectedChange("the " + guarded.canonical() + " stage of registered model '" + name + "'");
        }
        return applyTransition(name, current.version(), target, archiveExisting, new ChangeContext(user, now(), null));
    }

    ModelVersionEntity applyTransition(String name, int version, Stage stage, boolean archiveExisting, ChangeContext change) {
        List<StageChange> changes = store.transition(name, version, stage, archiveExisting, change);
        for (StageChange stageChange : changes) {
            events.publish(new ModelVersionTransitioned(name, String.valueOf(stageChange.version()),
                    stageChange.from().canonical(), stageChange.to().canonical(), change.user(),
                    Instant.ofEpochMilli(change.timestamp())));
        }
        return store.findVersion(name, version).orElseThrow();
    }

    public void setAlias(String name, String alias, String version, String user) {
        RegistryValidation.modelName(name);
        RegistryValidation.alias(alias);
        int number = RegistryValidation.version(version);
        guardAlias(name, alias);
        applyAlias(name, alias, number, new ChangeContext(user, now(), null));
    }

    void applyAlias(String name, String alias, int version, ChangeContext change) {
        Optional<Integer> previous = store.setAlias(name, alias, version, change);
        events.publish(new AliasChanged(name, alias, previous.map(String::valueOf).orElse(null), String.valueOf(version),
                change.user(), Instant.ofEpochMilli(change.timestamp())));
    }

    public void deleteAlias(String name, String alias, String user) {
        RegistryValidation.modelName(name);
        RegistryValidation.alias(alias);
        guardAlias(name, alias);
        long now = now();
        Optional<Integer> previous = store.deleteAlias(name, alias, new ChangeContext(user, now, null));
        previous.ifPresent(version -> events.publish(
                new AliasChanged(name, alias, String.valueOf(version), null, user, Instant.ofEpochMilli(now))));
    }

    /**
     * The version an alias points at, with MLflow's answers: the reserved alias {@code latest} is the newest version,
     * an unknown model is RESOURCE_DOES_NOT_EXIST, an alias the model does not have is INVALID_PARAMETER_VALUE.
     */
    public ModelVersionEntity getModelVersionByAlias(String name, String alias) {
        getRegisteredModel(name);
        if (alias == null || alias.isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'alias'.");
        }
        if (alias.equalsIgnoreCase(RegistryValidation.LATEST_ALIAS)) {
            List<ModelVersionEntity> versions = versions(name);
            if (versions.isEmpty()) {
                throw MlforgeException.notFound("Latest version not found for model " + name + ".");
            }
            return versions.get(0);
        }
        return findModelVersionByAlias(name, alias).orElseThrow(() ->
                MlforgeException.invalidParameter("Registered model alias " + alias + " not found."));
    }

    /** The version {@code alias} of model {@code name} points at; empty when there is no such model or alias. */
    public Optional<ModelVersionEntity> findModelVersionByAlias(String name, String alias) {
        if (store.findModel(name).isEmpty()) {
            return Optional.empty();
        }
        return store.aliasVersion(name, alias).flatMap(version -> store.findVersion(name, version));
    }

    private void guardAlias(String name, String alias) {
        Optional<ApprovalRuleEntity> rule = approvals.rule(name);
        if (rule.isPresent() && rule.get().protectsAlias(alias)) {
            throw protectedChange("the alias '" + alias + "' of registered model '" + name + "'");
        }
    }

    private static MlforgeException protectedChange(String what) {
        return new MlforgeException(ErrorCode.PERMISSION_DENIED, "Changing " + what + " requires an approved transition "
                + "request: create one with POST /api/v1/registry/transition-requests and have it approved with "
                + "POST /api/v1/registry/transition-requests/{id}/approve.");
    }

    // ---- metadata, history, integrity

    public ModelMetadata metadata(String name, String version) {
        return store.metadata(name, getModelVersion(name, version).version());
    }

    public List<HistoryEvent> history(String name, String version) {
        return store.history(name, getModelVersion(name, version).version());
    }

    /**
     * Re-hashes a version's files against its manifest. A version registered before its files has its manifest taken
     * by the first call that finds them; until then the answer says the files are not uploaded.
     */
    public Verification verify(String name, String version) {
        ModelVersionEntity modelVersion = getModelVersion(name, version);
        if (hasNoFiles(modelVersion)) {
            return modelVersion.tags().containsKey(PromptFilter.IS_PROMPT_TAG)
                    ? new Verification(true, 0, List.of(), List.of(), List.of(), true) : Verification.filesNotUploaded();
        }
        if (!modelVersion.filesRecorded()) {
            if (!artifacts.exists(modelVersion.storagePath())) {
                return Verification.filesNotUploaded();
            }
            store.recordFiles(name, modelVersion.version(), manifests.compute(modelVersion.storagePath()),
                    MlModelFile.read(artifacts, modelVersion.storagePath()));
        }
        return manifests.verify(store.manifest(name, modelVersion.version()), modelVersion.storagePath());
    }

    /**
     * The files of a resolved model URI with their SHA-256: the recorded manifest of a registry version (verified
     * by the resolver), else the files under its storage path as they are now.
     */
    List<ManifestEntry> files(ModelUriResolver.ResolvedUri resolved) {
        if (resolved.version() != null) {
            return store.manifest(resolved.modelName(), Integer.parseInt(resolved.version()));
        }
        return manifests.compute(resolved.storagePath());
    }

    /** Every version of {@code name}, newest first. */
    List<ModelVersionEntity> versions(String name) {
        return store.versions(name);
    }

    /** An event's copy of request tags: their order is the request's, which MLflow's webhook payloads keep. */
    private static Map<String, String> ordered(Map<String, String> tags) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    long now() {
        return clock.millis();
    }
}
