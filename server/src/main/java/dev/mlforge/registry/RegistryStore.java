package dev.mlforge.registry;

import dev.mlforge.search.ResultPage;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of registered models, versions, tags, aliases, manifests and their change history. Methods that
 * name a model or version throw RESOURCE_DOES_NOT_EXIST (MLflow's messages) when it is absent.
 */
interface RegistryStore {
    RegisteredModelEntity createModel(String name, String description, java.util.Map<String, String> tags, String userId, long now);

    Optional<RegisteredModelEntity> findModel(String name);

    RegisteredModelEntity renameModel(String name, String newName, long now);

    RegisteredModelEntity updateModelDescription(String name, String description, long now);

    void deleteModel(String name);

    ResultPage<RegisteredModelEntity> searchModels(SearchQuery query);

    void setModelTag(String name, String key, String value, long now);

    void deleteModelTag(String name, String key);

    ModelVersionEntity createVersion(NewVersion version);

    Optional<ModelVersionEntity> findVersion(String name, int version);

    /** Every version of the model, newest first. */
    List<ModelVersionEntity> versions(String name);

    ModelVersionEntity updateVersionDescription(String name, int version, String description, long now);

    void deleteVersion(String name, int version);

    ResultPage<ModelVersionEntity> searchVersions(SearchQuery query);

    /** Moves the version to {@code stage} (and the others in that stage to Archived when asked), with history rows. */
    List<StageChange> transition(String name, int version, Stage stage, boolean archiveExisting, ChangeContext change);

    void setVersionTag(String name, int version, String key, String value, long now);

    void deleteVersionTag(String name, int version, String key);

    /** Points {@code alias} at {@code version}; returns the version it pointed at before, if any. */
    Optional<Integer> setAlias(String name, String alias, int version, ChangeContext change);

    /** Removes {@code alias}; returns the version it pointed at, empty when there was no such alias. */
    Optional<Integer> deleteAlias(String name, String alias, ChangeContext change);

    Optional<Integer> aliasVersion(String name, String alias);

    List<HistoryEvent> history(String name, int version);

    List<ManifestEntry> manifest(String name, int version);

    /**
     * Records the manifest (and model metadata) of a version whose files arrived after it was registered; false when
     * another caller recorded it first, so the manifest is taken once.
     */
    boolean recordFiles(String name, int version, List<ManifestEntry> manifest, ModelMetadata metadata);

    ModelMetadata metadata(String name, int version);
}
