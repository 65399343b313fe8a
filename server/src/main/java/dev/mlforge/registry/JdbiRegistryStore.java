package dev.mlforge.registry;

import dev.mlforge.search.ResultPage;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.search.PageToken;
import dev.mlforge.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** {@link RegistryStore} on SQLite or PostgreSQL through Jdbi; search SQL comes from {@link RegistrySearchSql}. */
final class JdbiRegistryStore implements RegistryStore {
    private static final String VERSION_COLUMNS = "v.model_id, m.name AS model_name, v.version, v.creation_timestamp, "
            + "v.last_updated_timestamp, v.user_id, v.current_stage, v.description, v.source, v.storage_path, v.run_id, "
            + "v.logged_model_id, v.files_recorded, v.run_link, v.status, v.status_message, v.code_version";
    private static final String VERSIONS_FROM = " FROM model_versions v JOIN registered_models m ON m.id = v.model_id";
    /** Names are unique per workspace: a model named by a request is the one of that name in its workspace. */
    private static final String NAMED = " WHERE m.workspace = :workspace AND m.name = :name";

    private final Database database;
    private final RegistrySearchSql searchSql;

    JdbiRegistryStore(Database database) {
        this.database = database;
        this.searchSql = new RegistrySearchSql(database.dialect());
    }

    private record ModelRow(long id, String name, long created, long updated, String userId, String description) {}

    // ---- registered models

    @Override
    public RegisteredModelEntity createModel(String name, String description, Map<String, String> tags, String userId, long now) {
        return database.write(handle -> {
            if (modelId(handle, name).isPresent()) {
                throw MlforgeException.alreadyExists("Registered Model (name=" + name + ") already exists.");
            }
            long id = handle.createUpdate("INSERT INTO registered_models (name, creation_timestamp, last_updated_timestamp, "
                            + "user_id, description, workspace) VALUES (:name, :now, :now, :user, :description, :workspace)")
                    .bind("name", name).bind("workspace", workspace()).bind("now", now).bind("user", userId).bind("description", description)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            tags.forEach((key, value) -> upsertModelTag(handle, id, key, value));
            return loadModels(handle, List.of(requireModel(handle, name))).get(0);
        });
    }

    @Override
    public Optional<RegisteredModelEntity> findModel(String name) {
        return database.read(handle -> findModelRow(handle, name).map(row -> loadModels(handle, List.of(row)).get(0)));
    }

    @Override
    public RegisteredModelEntity renameModel(String name, String newName, long now) {
        return database.write(handle -> {
            ModelRow row = requireModel(handle, name);
            if (!name.equals(newName) && modelId(handle, newName).isPresent()) {
                throw MlforgeException.alreadyExists("Registered Model (name=" + newName + ") already exists.");
            }
            handle.createUpdate("UPDATE registered_models SET name = :newName, last_updated_timestamp = :now WHERE id = :id")
                    .bind("newName", newName).bind("now", now).bind("id", row.id()).execute();
            return loadModels(handle, List.of(requireModel(handle, newName))).get(0);
        });
    }

    @Override
    public RegisteredModelEntity updateModelDescription(String name, String description, long now) {
        return database.write(handle -> {
            ModelRow row = requireModel(handle, name);
            handle.createUpdate("UPDATE registered_models SET description = :description, last_updated_timestamp = :now WHERE id = :id")
                    .bind("description", description).bind("now", now).bind("id", row.id()).execute();
            return loadModels(handle, List.of(requireModel(handle, name))).get(0);
        });
    }

    @Override
    public void deleteModel(String name) {
        database.write(handle -> {
            ModelRow row = requireModel(handle, name);
            return handle.createUpdate("DELETE FROM registered_models WHERE id = :id").bind("id", row.id()).execute();
        });
    }

    @Override
    public ResultPage<RegisteredModelEntity> searchModels(SearchQuery query) {
        return database.read(handle -> {
            RegistrySearchSql.Fragment where = searchSql.modelWhere(query.filter(), database.workspace());
            String sql = "SELECT m.id, m.name, m.creation_timestamp, m.last_updated_timestamp, m.user_id, m.description "
                    + "FROM registered_models m" + where.sql() + searchSql.modelOrder(query.orderBy())
                    + " LIMIT " + (query.limit() + 1) + " OFFSET " + query.offset();
            Query statement = handle.createQuery(sql);
            where.binds().forEach(statement::bind);
            List<ModelRow> rows = statement.map((rs, ctx) -> modelRow(rs)).list();
            boolean more = rows.size() > query.limit();
            List<ModelRow> page = more ? rows.subList(0, query.limit()) : rows;
            return new ResultPage<>(loadModels(handle, page), more ? PageToken.encode(query.offset() + query.limit()) : null);
        });
    }

    @Override
    public void setModelTag(String name, String key, String value, long now) {
        database.write(handle -> {
            ModelRow row = requireModel(handle, name);
            upsertModelTag(handle, row.id(), key, value);
            return touchModel(handle, row.id(), now);
        });
    }

    @Override
    public void deleteModelTag(String name, String key) {
        database.write(handle -> handle.createUpdate("DELETE FROM registered_model_tags WHERE model_id = :id AND key = :key")
                .bind("id", requireModel(handle, name).id()).bind("key", key).execute());
    }

    // ---- versions

    @Override
    public ModelVersionEntity createVersion(NewVersion version) {
        return database.write(handle -> {
            ModelRow model = requireModel(handle, version.modelName());
            handle.createUpdate("UPDATE registered_models SET last_version = last_version + 1, "
                    + "last_updated_timestamp = :now WHERE id = :id").bind("now", version.timestamp()).bind("id", model.id()).execute();
            int number = handle.createQuery("SELECT last_version FROM registered_models WHERE id = :id")
                    .bind("id", model.id()).mapTo(Integer.class).one();
            insertVersion(handle, model.id(), number, version);
            return requireVersion(handle, version.modelName(), number);
        });
    }

    private void insertVersion(Handle handle, long modelId, int number, NewVersion version) {
        handle.createUpdate("INSERT INTO model_versions (model_id, version, creation_timestamp, last_updated_timestamp, "
                        + "user_id, current_stage, description, source, storage_path, run_id, run_link, status, code_version, "
                        + "flavors, signature, logged_model_id, files_recorded) VALUES (:model, :version, :now, :now, :user, :stage, "
                        + ":description, :source, :storage, :run, :link, :status, :code, :flavors, :signature, :loggedModel, "
                        + ":filesRecorded)")
                .bind("model", modelId).bind("version", number).bind("now", version.timestamp())
                .bind("user", version.userId()).bind("stage", Stage.NONE.canonical()).bind("description", version.description())
                .bind("source", version.source()).bind("storage", version.storagePath()).bind("run", version.runId())
                .bind("link", version.runLink()).bind("status", ModelVersionEntity.READY).bind("code", version.codeVersion())
                .bind("flavors", version.flavorsJson()).bind("signature", version.signatureJson())
                .bind("loggedModel", version.loggedModelId()).bind("filesRecorded", version.filesRecorded() ? 1 : 0)
                .execute();
        version.tags().forEach((key, value) -> upsertVersionTag(handle, modelId, number, key, value));
        var files = handle.prepareBatch("INSERT INTO model_version_files (model_id, version, path, sha256, size) "
                + "VALUES (:model, :version, :path, :sha, :size)");
        for (ManifestEntry entry : version.manifest()) {
            files.bind("model", modelId).bind("version", number).bind("path", entry.path()).bind("sha", entry.sha256())
                    .bind("size", entry.size()).add();
        }
        if (!version.manifest().isEmpty()) {
            files.execute();
        }
        for (DatasetRef dataset : new LinkedHashSet<>(version.datasets())) {
            handle.createUpdate("INSERT INTO model_version_datasets (model_id, version, name, digest, context) "
                            + "VALUES (:model, :version, :name, :digest, :context)")
                    .bind("model", modelId).bind("version", number).bind("name", dataset.name())
                    .bind("digest", dataset.digest()).bind("context", dataset.context()).execute();
        }
    }

    @Override
    public Optional<ModelVersionEntity> findVersion(String name, int version) {
        return database.read(handle -> {
            List<ModelVersionEntity> found = loadVersions(handle, NAMED + " AND v.version = :version",
                    named(name, version), "", 1, 0);
            return found.stream().findFirst();
        });
    }

    @Override
    public List<ModelVersionEntity> versions(String name) {
        return database.read(handle -> {
            requireModel(handle, name);
            return loadVersions(handle, NAMED, named(name), " ORDER BY v.version DESC",
                    Integer.MAX_VALUE, 0);
        });
    }

    @Override
    public ModelVersionEntity updateVersionDescription(String name, int version, String description, long now) {
        return database.write(handle -> {
            ModelVersionEntity existing = requireVersion(handle, name, version);
            long modelId = requireModel(handle, name).id();
            handle.createUpdate("UPDATE model_versions SET description = :description, last_updated_timestamp = :now "
                            + "WHERE model_id = :model AND version = :version")
                    .bind("description", description).bind("now", now).bind("model", modelId)
                    .bind("version", existing.version()).execute();
            return requireVersion(handle, name, version);
        });
    }

    @Override
    public void deleteVersion(String name, int version) {
        database.write(handle -> {
            requireVersion(handle, name, version);
            return handle.createUpdate("DELETE FROM model_versions WHERE model_id = :model AND version = :version")
                    .bind("model", requireModel(handle, name).id()).bind("version", version).execute();
        });
    }

    @Override
    public ResultPage<ModelVersionEntity> searchVersions(SearchQuery query) {
        return database.read(handle -> {
            RegistrySearchSql.Fragment where = searchSql.versionWhere(query.filter(), database.workspace());
            List<ModelVersionEntity> rows = loadVersions(handle, searchSql.versionFrom(query), where.sql(), where.binds(),
                    searchSql.versionOrder(query.orderBy()), query.limit() + 1, query.offset());
            boolean more = rows.size() > query.limit();
            return new ResultPage<>(more ? rows.subList(0, query.limit()) : rows,
                    more ? PageToken.encode(query.offset() + query.limit()) : null);
        });
    }

    @Override
    public List<StageChange> transition(String name, int version, Stage stage, boolean archiveExisting, ChangeContext change) {
        return database.write(handle -> {
            long modelId = requireModel(handle, name).id();
            ModelVersionEntity target = requireVersion(handle, name, version);
            List<StageChange> changes = new ArrayList<>();
            changes.add(new StageChange(version, target.currentStage(), stage));
            if (archiveExisting && stage != Stage.NONE && stage != Stage.ARCHIVED) {
                handle.createQuery("SELECT version FROM model_versions WHERE model_id = :model AND current_stage = :stage "
                                + "AND version <> :version ORDER BY version")
                        .bind("model", modelId).bind("stage", stage.canonical()).bind("version", version)
                        .mapTo(Integer.class).forEach(other -> changes.add(new StageChange(other, stage, Stage.ARCHIVED)));
            }
            for (StageChange stageChange : changes) {
                handle.createUpdate("UPDATE model_versions SET current_stage = :stage, last_updated_timestamp = :now "
                                + "WHERE model_id = :model AND version = :version")
                        .bind("stage", stageChange.to().canonical()).bind("now", change.timestamp())
                        .bind("model", modelId).bind("version", stageChange.version()).execute();
                insertEvent(handle, modelId, stageChange.version(), "stage", null, stageChange.from().canonical(),
                        stageChange.to().canonical(), change);
            }
            touchModel(handle, modelId, change.timestamp());
            return changes;
        });
    }

    @Override
    public void setVersionTag(String name, int version, String key, String value, long now) {
        database.write(handle -> {
            requireVersion(handle, name, version);
            long modelId = requireModel(handle, name).id();
            upsertVersionTag(handle, modelId, version, key, value);
            return handle.createUpdate("UPDATE model_versions SET last_updated_timestamp = :now WHERE model_id = :model AND version = :version")
                    .bind("now", now).bind("model", modelId).bind("version", version).execute();
        });
    }

    @Override
    public void deleteVersionTag(String name, int version, String key) {
        database.write(handle -> {
            requireVersion(handle, name, version);
            return handle.createUpdate("DELETE FROM model_version_tags WHERE model_id = :model AND version = :version AND key = :key")
                    .bind("model", requireModel(handle, name).id()).bind("version", version).bind("key", key).execute();
        });
    }

    // ---- aliases and history

    @Override
    public Optional<Integer> setAlias(String name, String alias, int version, ChangeContext change) {
        return database.write(handle -> {
            long modelId = requireModel(handle, name).id();
            requireVersion(handle, name, version);
            Optional<Integer> previous = aliasVersion(handle, modelId, alias);
            if (previous.isPresent()) {
                handle.createUpdate("UPDATE registered_model_aliases SET version = :version WHERE model_id = :model AND alias = :alias")
                        .bind("version", version).bind("model", modelId).bind("alias", alias).execute();
            } else {
                handle.createUpdate("INSERT INTO registered_model_aliases (model_id, alias, version) VALUES (:model, :alias, :version)")
                        .bind("version", version).bind("model", modelId).bind("alias", alias).execute();
            }
            insertEvent(handle, modelId, version, "alias", alias, previous.map(String::valueOf).orElse(null),
                    String.valueOf(version), change);
            touchModel(handle, modelId, change.timestamp());
            return previous;
        });
    }

    @Override
    public Optional<Integer> deleteAlias(String name, String alias, ChangeContext change) {
        return database.write(handle -> {
            long modelId = requireModel(handle, name).id();
            Optional<Integer> previous = aliasVersion(handle, modelId, alias);
            if (previous.isPresent()) {
                handle.createUpdate("DELETE FROM registered_model_aliases WHERE model_id = :model AND alias = :alias")
                        .bind("model", modelId).bind("alias", alias).execute();
                insertEvent(handle, modelId, previous.get(), "alias", alias, String.valueOf(previous.get()), null, change);
                touchModel(handle, modelId, change.timestamp());
            }
            return previous;
        });
    }

    @Override
    public Optional<Integer> aliasVersion(String name, String alias) {
        return database.read(handle -> aliasVersion(handle, requireModel(handle, name).id(), alias));
    }

    private static Optional<Integer> aliasVersion(Handle handle, long modelId, String alias) {
        return handle.createQuery("SELECT version FROM registered_model_aliases WHERE model_id = :model AND alias = :alias")
                .bind("model", modelId).bind("alias", alias).mapTo(Integer.class).findOne();
    }

    private static void insertEvent(Handle handle, long modelId, int version, String kind, String alias, String from,
            String to, ChangeContext change) {
        handle.createUpdate("INSERT INTO model_version_events (model_id, version, kind, alias, from_value, to_value, "
                        + "user_id, comment, timestamp) VALUES (:model, :version, :kind, :alias, :from, :to, :user, :comment, :time)")
                .bind("model", modelId).bind("version", version).bind("kind", kind).bind("alias", alias)
                .bind("from", from).bind("to", to).bind("user", change.user()).bind("comment", change.comment())
                .bind("time", change.timestamp()).execute();
    }

    @Override
    public List<HistoryEvent> history(String name, int version) {
        return database.read(handle -> {
            requireVersion(handle, name, version);
            // An alias that moves away from this version is part of its history too.
            return handle.createQuery("SELECT e.* FROM model_version_events e JOIN registered_models m ON m.id = e.model_id "
                            + NAMED + " AND (e.version = :version OR (e.kind = 'alias' AND e.from_value = :text)) "
                            + "ORDER BY e.id")
                    .bind("workspace", workspace()).bind("name", name).bind("version", version).bind("text", String.valueOf(version))
                    .map((rs, ctx) -> new HistoryEvent(rs.getLong("id"), name, rs.getInt("version"), rs.getString("kind"),
                            rs.getString("alias"), rs.getString("from_value"), rs.getString("to_value"),
                            rs.getString("user_id"), rs.getLong("timestamp"), rs.getString("comment")))
                    .list();
        });
    }

    @Override
    public List<ManifestEntry> manifest(String name, int version) {
        return database.read(handle -> {
            requireVersion(handle, name, version);
            return handle.createQuery("SELECT f.path, f.sha256, f.size FROM model_version_files f "
                            + "JOIN registered_models m ON m.id = f.model_id" + NAMED + " AND f.version = :version ORDER BY f.path")
                    .bind("workspace", workspace()).bind("name", name).bind("version", version)
                    .map((rs, ctx) -> new ManifestEntry(rs.getString("path"), rs.getString("sha256"), rs.getLong("size")))
                    .list();
        });
    }

    @Override
    public boolean recordFiles(String name, int version, List<ManifestEntry> manifest, ModelMetadata metadata) {
        return database.write(handle -> {
            long modelId = requireModel(handle, name).id();
            int updated = handle.createUpdate("UPDATE model_versions SET files_recorded = 1, flavors = :flavors, "
                            + "signature = :signature WHERE model_id = :model AND version = :version AND files_recorded = 0")
                    .bind("flavors", metadata.flavors().toString())
                    .bind("signature", metadata.signature() == null ? null : metadata.signature().toString())
                    .bind("model", modelId).bind("version", version).execute();
            if (updated == 0) {
                return false;
            }
            var files = handle.prepareBatch("INSERT INTO model_version_files (model_id, version, path, sha256, size) "
                    + "VALUES (:model, :version, :path, :sha, :size)");
            for (ManifestEntry entry : manifest) {
                files.bind("model", modelId).bind("version", version).bind("path", entry.path()).bind("sha", entry.sha256())
                        .bind("size", entry.size()).add();
            }
            if (!manifest.isEmpty()) {
                files.execute();
            }
            return true;
        });
    }

    @Override
    public ModelMetadata metadata(String name, int version) {
        return database.read(handle -> {
            requireVersion(handle, name, version);
            return handle.createQuery("SELECT v.flavors, v.signature" + VERSIONS_FROM + NAMED + " AND v.version = :version")
                    .bind("workspace", workspace()).bind("name", name).bind("version", version)
                    .map((rs, ctx) -> new ModelMetadata(readJson(rs.getString("flavors"), true), readJson(rs.getString("signature"), false)))
                    .one();
        });
    }

    private static JsonNode readJson(String text, boolean emptyObjectWhenNull) {
        if (text == null) {
            return emptyObjectWhenNull ? Json.mapper().createObjectNode() : null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored model metadata is not JSON", e);
        }
    }

    // ---- row loading

    private String workspace() {
        return database.workspace().current();
    }

    private Map<String, Object> named(String name) {
        return Map.of("workspace", workspace(), "name", name);
    }

    private Map<String, Object> named(String name, int version) {
        return Map.of("workspace", workspace(), "name", name, "version", version);
    }

    private Optional<Long> modelId(Handle handle, String name) {
        return handle.createQuery("SELECT m.id FROM registered_models m" + NAMED).bindMap(named(name))
                .mapTo(Long.class).findOne();
    }

    private Optional<ModelRow> findModelRow(Handle handle, String name) {
        return handle.createQuery("SELECT id, name, creation_timestamp, last_updated_timestamp, user_id, description "
                + "FROM registered_models m" + NAMED).bindMap(named(name)).map((rs, ctx) -> modelRow(rs)).findOne();
    }

    private ModelRow requireModel(Handle handle, String name) {
        return findModelRow(handle, name)
                .orElseThrow(() -> MlforgeException.notFound("Registered Model with name=" + name + " not found"));
    }

    private ModelVersionEntity requireVersion(Handle handle, String name, int version) {
        List<ModelVersionEntity> found = loadVersions(handle, NAMED + " AND v.version = :version", named(name, version), "", 1, 0);
        if (found.isEmpty()) {
            throw MlforgeException.notFound("Model Version (name=" + name + ", version=" + version + ") not found");
        }
        return found.get(0);
    }

    private static ModelRow modelRow(ResultSet rs) throws SQLException {
        return new ModelRow(rs.getLong("id"), rs.getString("name"), rs.getLong("creation_timestamp"),
                rs.getLong("last_updated_timestamp"), rs.getString("user_id"), rs.getString("description"));
    }

    private static int touchModel(Handle handle, long modelId, long now) {
        return handle.createUpdate("UPDATE registered_models SET last_updated_timestamp = :now WHERE id = :id")
                .bind("now", now).bind("id", modelId).execute();
    }

    private static void upsertModelTag(Handle handle, long modelId, String key, String value) {
        handle.createUpdate("DELETE FROM registered_model_tags WHERE model_id = :id AND key = :key")
                .bind("id", modelId).bind("key", key).execute();
        handle.createUpdate("INSERT INTO registered_model_tags (model_id, key, value) VALUES (:id, :key, :value)")
                .bind("id", modelId).bind("key", key).bind("value", value).execute();
    }

    private static void upsertVersionTag(Handle handle, long modelId, int version, String key, String value) {
        handle.createUpdate("DELETE FROM model_version_tags WHERE model_id = :id AND version = :version AND key = :key")
                .bind("id", modelId).bind("version", version).bind("key", key).execute();
        handle.createUpdate("INSERT INTO model_version_tags (model_id, version, key, value) VALUES (:id, :version, :key, :value)")
                .bind("id", modelId).bind("version", version).bind("key", key).bind("value", value).execute();
    }

    private record VersionRow(long modelId, ModelVersionEntity version) {}

    private static List<ModelVersionEntity> loadVersions(Handle handle, String where, Map<String, Object> binds, String order,
            int limit, int offset) {
        return loadVersions(handle, VERSIONS_FROM, where, binds, order, limit, offset);
    }

    private static List<ModelVersionEntity> loadVersions(Handle handle, String from, String where, Map<String, Object> binds,
            String order, int limit, int offset) {
        String window = limit == Integer.MAX_VALUE ? "" : " LIMIT " + limit + " OFFSET " + offset;
        Query query = handle.createQuery("SELECT " + VERSION_COLUMNS + from + where + order + window);
        binds.forEach(query::bind);
        List<VersionRow> rows = query.map((rs, ctx) -> new VersionRow(rs.getLong("model_id"), versionRow(rs))).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> modelIds = rows.stream().map(VersionRow::modelId).distinct().toList();
        Map<String, Map<String, String>> tags = versionTags(handle, modelIds);
        Map<String, List<String>> aliases = versionAliases(handle, modelIds);
        List<ModelVersionEntity> result = new ArrayList<>(rows.size());
        for (VersionRow row : rows) {
            String key = row.modelId() + "/" + row.version().version();
            ModelVersionEntity v = row.version();
            result.add(new ModelVersionEntity(v.name(), v.version(), v.creationTimestamp(), v.lastUpdatedTimestamp(), v.userId(),
                    v.currentStage(), v.description(), v.source(), v.storagePath(), v.runId(), v.runLink(), v.status(),
                    v.statusMessage(), v.codeVersion(), tags.getOrDefault(key, Map.of()), aliases.getOrDefault(key, List.of()),
                    v.loggedModelId(), v.filesRecorded()));
        }
        return result;
    }

    private static ModelVersionEntity versionRow(ResultSet rs) throws SQLException {
        return new ModelVersionEntity(rs.getString("model_name"), rs.getInt("version"), rs.getLong("creation_timestamp"),
                rs.getLong("last_updated_timestamp"), rs.getString("user_id"), Stage.parse(rs.getString("current_stage")),
                rs.getString("description"), rs.getString("source"), rs.getString("storage_path"), rs.getString("run_id"),
                rs.getString("run_link"), rs.getString("status"), rs.getString("status_message"),
                rs.getString("code_version"), Map.of(), List.of(), rs.getString("logged_model_id"),
                rs.getInt("files_recorded") != 0);
    }

    private static Map<String, Map<String, String>> versionTags(Handle handle, Collection<Long> modelIds) {
        Map<String, Map<String, String>> tags = new HashMap<>();
        handle.createQuery("SELECT model_id, version, key, value FROM model_version_tags WHERE model_id IN (<ids>)")
                .bindList("ids", List.copyOf(modelIds))
                .map((rs, ctx) -> {
                    tags.computeIfAbsent(rs.getLong("model_id") + "/" + rs.getInt("version"), k -> new TreeMap<>())
                            .put(rs.getString("key"), rs.getString("value"));
                    return null;
                }).list();
        return tags;
    }

    private static Map<String, List<String>> versionAliases(Handle handle, Collection<Long> modelIds) {
        Map<String, List<String>> aliases = new HashMap<>();
        handle.createQuery("SELECT model_id, alias, version FROM registered_model_aliases WHERE model_id IN (<ids>) ORDER BY alias")
                .bindList("ids", List.copyOf(modelIds))
                .map((rs, ctx) -> aliases.computeIfAbsent(rs.getLong("model_id") + "/" + rs.getInt("version"),
                        k -> new ArrayList<>()).add(rs.getString("alias")))
                .list();
        return aliases;
    }

    private static List<RegisteredModelEntity> loadModels(Handle handle, List<ModelRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(ModelRow::id).toList();
        Map<Long, Map<String, String>> tags = new HashMap<>();
        handle.createQuery("SELECT model_id, key, value FROM registered_model_tags WHERE model_id IN (<ids>)")
                .bindList("ids", ids)
                .map((rs, ctx) -> tags.computeIfAbsent(rs.getLong("model_id"), k -> new TreeMap<>())
                        .put(rs.getString("key"), rs.getString("value")))
                .list();
        Map<Long, Map<String, Integer>> aliases = new HashMap<>();
        handle.createQuery("SELECT model_id, alias, version FROM registered_model_aliases WHERE model_id IN (<ids>)")
                .bindList("ids", ids)
                .map((rs, ctx) -> aliases.computeIfAbsent(rs.getLong("model_id"), k -> new TreeMap<>())
                        .put(rs.getString("alias"), rs.getInt("version")))
                .list();
        Map<Long, List<ModelVersionEntity>> latest = latestPerStage(handle, ids);
        return rows.stream().map(row -> new RegisteredModelEntity(row.name(), row.created(), row.updated(), row.userId(),
                row.description(), tags.getOrDefault(row.id(), Map.of()), aliases.getOrDefault(row.id(), Map.of()),
                latest.getOrDefault(row.id(), List.of()))).collect(Collectors.toList());
    }

    /** The highest version of each stage per model, stages in canonical order. */
    private static Map<Long, List<ModelVersionEntity>> latestPerStage(Handle handle, List<Long> ids) {
        Query query = handle.createQuery("SELECT " + VERSION_COLUMNS + VERSIONS_FROM
                + " JOIN (SELECT model_id, MAX(version) AS version FROM model_versions WHERE model_id IN (<ids>) "
                + "GROUP BY model_id, current_stage) l ON l.model_id = v.model_id AND l.version = v.version").bindList("ids", ids);
        Map<Long, Map<Stage, ModelVersionEntity>> byModel = new LinkedHashMap<>();
        query.map((rs, ctx) -> new VersionRow(rs.getLong("model_id"), versionRow(rs))).forEach(row ->
                byModel.computeIfAbsent(row.modelId(), k -> new TreeMap<>()).put(row.version().currentStage(), row.version()));
        Map<Long, List<ModelVersionEntity>> result = new HashMap<>();
        byModel.forEach((id, stages) -> result.put(id, List.copyOf(stages.values())));
        return result;
    }
}
