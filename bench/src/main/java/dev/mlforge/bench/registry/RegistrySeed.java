package dev.mlforge.bench.registry;

import dev.mlforge.store.Database;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Fills the registry tables directly with {@code models} registered models of {@code versionsPerModel} versions
 * each (names {@code model-00000}..., one {@code team} tag per model, one {@code validated} tag per version, run
 * ids {@code run-<model>-<version>}, stages spread over None/Staging/Production/Archived, an alias per model).
 * Going through the API would hash 100,000 artifact directories; the searches measured never read those.
 */
final class RegistrySeed {
    private static final String[] STAGES = {"None", "Staging", "Production", "Archived"};
    private static final String[] TEAMS = {"risk", "growth", "ops", "search"};

    private RegistrySeed() {}

    static void seed(Database database, int models, int versionsPerModel) {
        long now = System.currentTimeMillis();
        database.write(handle -> {
            PreparedBatch modelBatch = handle.prepareBatch("INSERT INTO registered_models (id, name, creation_timestamp, "
                    + "last_updated_timestamp, user_id, description, last_version) VALUES (:id, :name, :t, :t, 'bench', :d, :last)");
            PreparedBatch modelTags = handle.prepareBatch(
                    "INSERT INTO registered_model_tags (model_id, key, value) VALUES (:id, 'team', :team)");
            for (int m = 1; m <= models; m++) {
                modelBatch.bind("id", m).bind("name", name(m)).bind("t", now - models + m).bind("d", "model " + m)
                        .bind("last", versionsPerModel).add();
                modelTags.bind("id", m).bind("team", TEAMS[m % TEAMS.length]).add();
            }
            modelBatch.execute();
            modelTags.execute();
            PreparedBatch versions = handle.prepareBatch("INSERT INTO model_versions (model_id, version, creation_timestamp, "
                    + "last_updated_timestamp, user_id, current_stage, source, storage_path, run_id, status) VALUES "
                    + "(:m, :v, :t, :t, 'bench', :stage, :source, :storage, :run, 'READY')");
            PreparedBatch versionTags = handle.prepareBatch(
                    "INSERT INTO model_version_tags (model_id, version, key, value) VALUES (:m, :v, 'validated', :value)");
            for (int m = 1; m <= models; m++) {
                for (int v = 1; v <= versionsPerModel; v++) {
                    String run = runId(m, v);
                    versions.bind("m", m).bind("v", v).bind("t", now + v).bind("stage", STAGES[(m + v) % STAGES.length])
                            .bind("source", "runs:/" + run + "/model").bind("storage", "1/" + run + "/artifacts/model")
                            .bind("run", run).add();
                    versionTags.bind("m", m).bind("v", v).bind("value", v % 2 == 0 ? "true" : "false").add();
                }
            }
            versions.execute();
            versionTags.execute();
            PreparedBatch aliases = handle.prepareBatch(
                    "INSERT INTO registered_model_aliases (model_id, alias, version) VALUES (:m, 'champion', :v)");
            for (int m = 1; m <= models; m++) {
                aliases.bind("m", m).bind("v", versionsPerModel).add();
            }
            return aliases.execute();
        });
    }

    static String name(int model) {
        return String.format("model-%05d", model);
    }

    static String runId(int model, int version) {
        return String.format("run-%05d-%02d", model, version);
    }
}
