package dev.mlforge.registry;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.store.Database;
import dev.mlforge.store.Dialect;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** {@link LineageStore} through Jdbi. */
final class JdbiLineageStore implements LineageStore {
    private final Database database;

    JdbiLineageStore(Database database) {
        this.database = database;
    }

    @Override
    public List<DatasetRef> datasets(String modelName, int version) {
        return database.read(handle -> handle.createQuery("SELECT d.name, d.digest, d.context FROM model_version_datasets d "
                        + "JOIN registered_models m ON m.id = d.model_id WHERE m.workspace = :workspace AND m.name = :name "
                        + "AND d.version = :version ORDER BY d.name, d.digest")
                .bind("name", modelName).bind("workspace", database.workspace().current()).bind("version", version)
                .map((rs, ctx) -> new DatasetRef(rs.getString("name"), rs.getString("digest"), rs.getString("context")))
                .list());
    }

    @Override
    public void recordDeployment(String modelName, int version, String deploymentName, long now) {
        database.write(handle -> {
            long modelId = lockVersion(handle, modelName, version);
            handle.createUpdate("DELETE FROM model_version_deployments WHERE model_id = :model AND version = :version "
                            + "AND deployment_name = :deployment")
                    .bind("model", modelId).bind("version", version).bind("deployment", deploymentName).execute();
            return handle.createUpdate("INSERT INTO model_version_deployments (model_id, version, deployment_name, "
                            + "creation_timestamp) VALUES (:model, :version, :deployment, :now)")
                    .bind("model", modelId).bind("version", version).bind("deployment", deploymentName).bind("now", now)
                    .execute();
        });
    }

    @Override
    public List<Deployment> deployments(String modelName, int version) {
        return database.read(handle -> handle.createQuery("SELECT d.deployment_name, d.creation_timestamp "
                        + "FROM model_version_deployments d JOIN registered_models m ON m.id = d.model_id "
                        + "WHERE m.workspace = :workspace AND m.name = :name AND d.version = :version "
                        + "ORDER BY d.creation_timestamp, d.deployment_name")
                .bind("name", modelName).bind("workspace", database.workspace().current()).bind("version", version)
                .map((rs, ctx) -> new Deployment(rs.getString("deployment_name"), rs.getLong("creation_timestamp")))
                .list());
    }

    @Override
    public List<TrainedVersion> versionsTrainedOn(String digest) {
        return database.read(handle -> handle.createQuery("SELECT m.name AS model_name, v.version, v.run_id, v.code_version, "
                        + "d.name AS dataset_name, d.digest, d.context FROM model_version_datasets d "
                        + "JOIN model_versions v ON v.model_id = d.model_id AND v.version = d.version "
                        + "JOIN registered_models m ON m.id = d.model_id WHERE d.digest = :digest AND m.workspace = :workspace "
                        + "ORDER BY m.name, v.version")
                .bind("digest", digest).bind("workspace", database.workspace().current())
                .map((rs, ctx) -> new TrainedVersion(rs.getString("model_name"), rs.getInt("version"), rs.getString("run_id"),
                        rs.getString("code_version"),
                        new DatasetRef(rs.getString("dataset_name"), rs.getString("digest"), rs.getString("context"))))
                .list());
    }

    @Override
    public List<RegisteredVersion> versionsRegisteredFrom(String loggedModelId) {
        return database.read(handle -> handle.createQuery("SELECT m.name, v.version FROM model_versions v "
                        + "JOIN registered_models m ON m.id = v.model_id WHERE v.logged_model_id = :id AND m.workspace = :workspace "
                        + "ORDER BY m.name, v.version")
                .bind("id", loggedModelId).bind("workspace", database.workspace().current())
                .map((rs, ctx) -> new RegisteredVersion(rs.getString("name"), rs.getInt("version")))
                .list());
    }

    /**
     * The model id of a version, its row locked against deletion until the transaction ends (PostgreSQL; SQLite runs
     * one write at a time). Taking the version's lock before any of its deployment rows orders this transaction's locks
     * as a version deletion orders its own (the version, then the rows its cascade deletes): without it, a replica
     * recording a deployment while another deletes the version deadlocked, and PostgreSQL aborted the deletion.
     */
    private long lockVersion(Handle handle, String modelName, int version) {
        String lock = database.dialect() == Dialect.POSTGRESQL ? " FOR KEY SHARE OF v" : "";
        return handle.createQuery("SELECT v.model_id FROM model_versions v JOIN registered_models m ON m.id = v.model_id "
                        + "WHERE m.workspace = :workspace AND m.name = :name AND v.version = :version" + lock)
                .bind("name", modelName).bind("workspace", database.workspace().current()).bind("version", version)
                .mapTo(Long.class).findOne()
                .orElseThrow(() -> MlforgeException.notFound(
                        "Model Version (name=" + modelName + ", version=" + version + ") not found"));
    }
}
