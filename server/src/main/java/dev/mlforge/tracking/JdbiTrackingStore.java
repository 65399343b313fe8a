package dev.mlforge.tracking;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.search.OrderClause;
import dev.mlforge.store.Database;
import dev.mlforge.store.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link TrackingStore} on SQLite or PostgreSQL through Jdbi; writes in {@link Database#write}, reads in {@link Database#read}. */
public final class JdbiTrackingStore implements TrackingStore {
    static final String RUN_NAME_TAG = "mlflow.runName";
    private static final int IN_CHUNK = 500;
    private static final String EXPERIMENT_COLUMNS =
            "experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time";

    /** SQLite plans joins from table statistics; they are refreshed as writes double (PostgreSQL's autovacuum does this). */
    private static final long FIRST_STATISTICS_AT = 1000;
    private static final List<String> ANALYZED_TABLES = List.of("runs", "params", "tags", "latest_metrics");

    private final Database database;
    private final SearchSql searchSql;
    private final ValueGroupSql valueGroups;
    private final RunDocuments documents;
    private final MetricLog metricLog;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong nextStatistics = new AtomicLong(FIRST_STATISTICS_AT);
    /**
     * Keys this process saw committed to {@code experiment_keys}, so that a log-batch repeating its keys (every step of
     * a training loop) costs no probe. Only a shortcut: a key missing here is inserted with ON CONFLICT DO NOTHING.
     */
    private final Map<String, java.util.Set<String>> knownKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger knownKeyCount = new java.util.concurrent.atomic.AtomicInteger();
    private static final int MAX_KNOWN_KEYS = 200_000;

    /** A key of {@code experiment_keys}: {@code scope} is the experiment id and the kind, {@code key} the key. */
    private record KnownKey(String scope, String key) {}

    public JdbiTrackingStore(Database database) {
        this(database, new MetricLog(database));
    }

    /** A store whose log-batch stages metric points in {@code metricLog} (SQLite), which a {@link MetricLogFolder} folds. */
    public JdbiTrackingStore(Database database, MetricLog metricLog) {
        this.database = database;
        this.metricLog = metricLog;
        this.searchSql = new SearchSql(database.dialect());
        this.valueGroups = new ValueGroupSql(database.dialect());
        this.documents = new RunDocuments(database.dialect() == Dialect.POSTGRESQL);
        if (database.dialect() == Dialect.SQLITE && !hasStatistics()) {
            refreshStatistics();
        }
    }

    /**
     * Whether every index of the searched tables has planner statistics. An index a migration added after the last
     * ANALYZE has none, and SQLite then plans with default guesses for it (V7's indexes on an upgraded database).
     */
    private boolean hasStatistics() {
        return database.read(handle -> {
            boolean statTable = handle.createQuery(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
                    .mapTo(Integer.class).one() > 0;
            return statTable && handle.createQuery("SELECT count(*) FROM sqlite_master m WHERE m.type = 'index' "
                            + "AND m.tbl_name IN (<tables>) AND m.name NOT LIKE 'sqlite_autoindex%' "
                            + "AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 s WHERE s.idx = m.name)")
                    .bindList("tables", ANALYZED_TABLES).mapTo(Integer.class).one() == 0;
        });
    }

    /** Counts a run creation or a logged batch; refreshes SQLite's statistics at 1000, 2000, 4000, ... writes. */
    private void countWrite() {
        long count = writes.incrementAndGet();
        long next = nextStatistics.get();
        if (count >= next && nextStatistics.compareAndSet(next, next * 2)) {
            refreshStatistics();
        }
    }

    /**
     * Runs ANALYZE on the tables searches join (not the metric history, which is only read by key), so that a
     * search starts from its most selective index: without statistics SQLite may walk a metric range matching
     * half the runs instead of a param matching a tenth of them.
     */
    void refreshStatistics() {
        database.analyze(ANALYZED_TABLES);
    }

    @Override
    public String createExperiment(String name, String artifactLocation, List<Tag> tags, long now) {
        return database.write(handle -> {
            if (findExperimentId(handle, name).isPresent()) {
                throw MlforgeException.alreadyExists("Experiment(name=" + name + ") already exists.");
            }
            long id = handle.createUpdate("INSERT INTO experiments (name, artifact_location, lifecycle_stage, "
                            + "creation_time, last_update_time, workspace) VALUES (?, '', 'active', ?, ?, ?)")
                    .bind(0, name).bind(1, now).bind(2, now).bind(3, database.workspace().current())
                    .executeAndReturnGeneratedKeys("experiment_id").mapTo(Long.class).one();
            String location = artifactLocation != null ? artifactLocation : "mlflow-artifacts:/" + id;
            handle.execute("UPDATE experiments SET artifact_location = ? WHERE experiment_id = ?", location, id);
            for (Tag tag : tags) {
                upsertExperimentTag(handle, id, tag);
            }
            return String.valueOf(id);
        });
    }

    /** Names are unique per workspace: the experiment of that name in the current one. */
    private Optional<Long> findExperimentId(Handle handle, String name) {
        return handle.createQuery("SELECT experiment_id FROM experiments WHERE workspace = ? AND name = ?")
                .bind(0, database.workspace().current()).bind(1, name).mapTo(Long.class).findOne();
    }

    @Override
    public Optional<ExperimentEntity> experiment(String experimentId) {
        Long id = parseId(experimentId);
        if (id == null) {
            return Optional.empty();
        }
        return database.read(handle -> withTags(handle, handle.createQuery(
                "SELECT " + EXPERIMENT_COLUMNS + " FROM experiments WHERE experiment_id = ?").bind(0, id)
                .map((rs, ctx) -> experimentRow(rs)).list())).stream().findFirst();
    }

    @Override
    public Optional<ExperimentEntity> experimentWithoutTags(String experimentId) {
        Long id = parseId(experimentId);
        if (id == null) {
            return Optional.empty();
        }
        return database.read(handle -> handle.createQuery(
                "SELECT " + EXPERIMENT_COLUMNS + " FROM experiments WHERE experiment_id = ?").bind(0, id)
                .map((rs, ctx) -> experimentRow(rs)).findFirst());
    }

    @Override
    public Optional<ExperimentEntity> experimentByName(String name) {
        return database.read(handle -> withTags(handle, handle.createQuery(
                "SELECT " + EXPERIMENT_COLUMNS + " FROM experiments WHERE workspace = ? AND name = ?")
                .bind(0, database.workspace().current()).bind(1, name)
                .map((rs, ctx) -> experimentRow(rs)).list())).stream().findFirst();
    }

    @Override
    public List<ExperimentEntity> searchExperiments(ExperimentSearch search) {
        SqlQuery query = searchSql.experiments(search, database.workspace());
        return database.read(handle -> withTags(handle, bind(handle.createQuery(query.sql()), query.args())
                .map((rs, ctx) -> experimentRow(rs)).list()));
    }

    private static ExperimentEntity experimentRow(ResultSet rs) throws SQLException {
        return new ExperimentEntity(String.valueOf(rs.getLong("experiment_id")), rs.getString("name"),
                rs.getString("artifact_location"), LifecycleStage.fromWire(rs.getString("lifecycle_stage")),
                rs.getLong("creation_time"), rs.getLong("last_update_time"), List.of());
    }

    private static List<ExperimentEntity> withTags(Handle handle, List<ExperimentEntity> experiments) {
        if (experiments.isEmpty()) {
            return experiments;
        }
        Map<String, List<Tag>> tags = new HashMap<>();
        for (List<Long> chunk : chunks(experiments.stream().map(e -> Long.parseLong(e.experimentId())).toList())) {
            handle.createQuery("SELECT experiment_id, key, value FROM experiment_tags WHERE experiment_id IN (<ids>) ORDER BY key")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(String.valueOf(rs.getLong(1)), new Tag(rs.getString(2), rs.getString(3))))
                    .forEach(entry -> tags.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue()));
        }
        return experiments.stream().map(e -> new ExperimentEntity(e.experimentId(), e.name(), e.artifactLocation(),
                e.lifecycleStage(), e.creationTime(), e.lastUpdateTime(), tags.getOrDefault(e.experimentId(), List.of())))
                .toList();
    }

    @Override
    public void renameExperiment(String experimentId, String newName, long now) {
        long id = Long.parseLong(experimentId);
        database.write(handle -> {
            Optional<Long> existing = findExperimentId(handle, newName);
            if (existing.isPresent() && existing.get() != id) {
                throw MlforgeException.alreadyExists("Experiment(name=" + newName + ") already exists.");
            }
            return handle.execute("UPDATE experiments SET name = ?, last_update_time = ? WHERE experiment_id = ?",
                    newName, now, id);
        });
    }

    @Override
    public void setExperimentLifecycle(String experimentId, LifecycleStage stage, long now) {
        long id = Long.parseLong(experimentId);
        database.write(handle -> {
            handle.execute("UPDATE experiments SET lifecycle_stage = ?, last_update_time = ? WHERE experiment_id = ?",
                    stage.wireName(), now, id);
            return handle.execute("UPDATE runs SET lifecycle_stage = ? WHERE experiment_id = ?", stage.wireName(), id);
        });
    }

    @Override
    public void setExperimentTag(String experimentId, Tag tag, long now) {
        long id = Long.parseLong(experimentId);
        database.write(handle -> {
            upsertExperimentTag(handle, id, tag);
            return handle.execute("UPDATE experiments SET last_update_time = ? WHERE experiment_id = ?", now, id);
        });
    }

    private static void upsertExperimentTag(Handle handle, long experimentId, Tag tag) {
        handle.execute("INSERT INTO experiment_tags (experiment_id, key, value) VALUES (?, ?, ?) "
                + "ON CONFLICT (experiment_id, key) DO UPDATE SET value = excluded.value", experimentId, tag.key(), tag.value());
    }

    @Override
    public void createRun(RunInfoEntity info, List<Tag> tags) {
        remember(database.write(handle -> {
            handle.execute("INSERT INTO runs (run_uuid, experiment_id, name, user_id, status, start_time, end_time, "
                            + "artifact_uri, lifecycle_stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    info.runId(), Long.parseLong(info.experimentId()), info.runName(), info.userId(),
                    info.status().name(), info.startTime(), info.endTime(), info.artifactUri(), info.lifecycleStage().wireName());
            upsertTags(handle, info.runId(), tags);
            return recordKeys(handle, Long.parseLong(info.experimentId()), "tags", tags.stream().map(Tag::key).toList());
        }));
        countWrite();
    }

    @Override
    public Optional<RunInfoEntity> runInfo(String runId) {
        return database.read(handle -> findRunInfo(handle, runId));
    }

    private static Optional<RunInfoEntity> findRunInfo(Handle handle, String runId) {
        return handle.createQuery("SELECT " + SearchSql.RUN_COLUMNS + " FROM runs r WHERE r.run_uuid = ?")
                .bind(0, runId).map((rs, ctx) -> runInfoRow(rs)).findOne();
    }

    private static RunInfoEntity runInfoRow(ResultSet rs) throws SQLException {
        long endTime = rs.getLong("end_time");
        Long end = rs.wasNull() ? null : endTime;
        return new RunInfoEntity(rs.getString("run_uuid"), String.valueOf(rs.getLong("experiment_id")), rs.getString("name"),
                rs.getString("user_id"), RunStatus.valueOf(rs.getString("status")), rs.getLong("start_time"), end,
                rs.getString("artifact_uri"), LifecycleStage.fromWire(rs.getString("lifecycle_stage")));
    }

    @Override
    public Optional<RunEntity> run(String runId) {
        metricLog.catchUpLatest();
        return database.read(handle -> findRunInfo(handle, runId).map(info -> withData(handle, List.of(info)).get(0)));
    }

    @Override
    public List<RunEntity> runs(List<String> runIds) {
        metricLog.catchUpLatest();
        return database.read(handle -> {
            Map<String, RunInfoEntity> found = new HashMap<>();
            for (List<String> chunk : chunks(runIds)) {
                handle.createQuery("SELECT " + SearchSql.RUN_COLUMNS + " FROM runs r WHERE r.run_uuid IN (<ids>)")
                        .bindList("ids", chunk).map((rs, ctx) -> runInfoRow(rs))
                        .forEach(info -> found.put(info.runId(), info));
            }
            return withData(handle, runIds.stream().distinct().map(found::get).filter(java.util.Objects::nonNull).toList());
        });
    }

    @Override
    public void updateRun(String runId, RunStatus status, Long endTime, String runName) {
        database.write(handle -> {
            if (status != null) {
                handle.execute("UPDATE runs SET status = ? WHERE run_uuid = ?", status.name(), runId);
            }
            if (endTime != null) {
                handle.execute("UPDATE runs SET end_time = ? WHERE run_uuid = ?", endTime, runId);
            }
            if (runName != null) {
                upsertTags(handle, runId, List.of(new Tag(RUN_NAME_TAG, runName)));
            }
            return null;
        });
    }

    @Override
    public void setRunLifecycle(String runId, LifecycleStage stage) {
        database.write(handle -> handle.execute("UPDATE runs SET lifecycle_stage = ? WHERE run_uuid = ?", stage.wireName(), runId));
    }

    @Override
    public void logBatch(String runId, List<MetricEntity> metrics, List<ParamEntity> params, List<Tag> tags) {
        List<KnownKey> recorded = database.write(handle -> {
            long experimentId = requireActiveRun(handle, runId);
            List<KnownKey> written = new ArrayList<>();
            if (!params.isEmpty()) {
                insertParams(handle, runId, params);
                written.addAll(recordKeys(handle, experimentId, "params", params.stream().map(ParamEntity::key).toList()));
            }
            if (!metrics.isEmpty()) {
                insertMetrics(handle, runId, metrics);
                written.addAll(recordKeys(handle, experimentId, "metrics", metrics.stream().map(MetricEntity::key).toList()));
            }
            if (!tags.isEmpty()) {
                upsertTags(handle, runId, tags);
                written.addAll(recordKeys(handle, experimentId, "tags", tags.stream().map(Tag::key).toList()));
            }
            return written;
        });
        remember(recorded);
        countWrite();
    }

    /**
     * Checked inside the write transaction, so a concurrent delete cannot slip between check and write. Plain JDBC,
     * like the metric batches: it runs for every log-batch, and a Jdbi query costs more than the lookup itself.
     */
    private static long requireActiveRun(Handle handle, String runId) {
        String stage;
        long experimentId;
        try (PreparedStatement statement = handle.getConnection().prepareStatement(
                "SELECT lifecycle_stage, experiment_id FROM runs WHERE run_uuid = ?")) {
            statement.setString(1, runId);
            try (ResultSet row = statement.executeQuery()) {
                stage = row.next() ? row.getString(1) : null;
                experimentId = stage == null ? -1 : row.getLong(2);
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("Cannot read run " + runId, e, null);
        }
        if (stage == null) {
            throw TrackingErrors.runNotFound(runId);
        }
        if (LifecycleStage.fromWire(stage) != LifecycleStage.ACTIVE) {
            throw TrackingErrors.runNotActive(runId, stage);
        }
        return experimentId;
    }

    /**
     * Keeps the experiment's key summary (V23 {@code experiment_keys}) that the UI's column chooser pages through:
     * one primary-key probe per distinct key of the write that this process has not seen committed yet, plain JDBC
     * like the metric batches. mlflow.* tags are system tags the chooser never offers. Returns the cache entries of
     * the keys written, to {@link #remember} once the transaction committed.
     */
    private List<KnownKey> recordKeys(Handle handle, long experimentId, String kind, List<String> keys) {
        String scope = experimentId + "\u0000" + kind;
        java.util.Set<String> known = knownKeys.getOrDefault(scope, java.util.Set.of());
        boolean tags = kind.equals("tags");
        java.util.Set<String> distinct = new java.util.TreeSet<>();
        // one lookup per key, no string built: a training loop repeats the same keys at every step
        for (String key : keys) {
            if (!known.contains(key) && !(tags && key.startsWith("mlflow."))) {
                distinct.add(key);
            }
        }
        if (distinct.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement statement = handle.getConnection().prepareStatement(
                "INSERT INTO experiment_keys (experiment_id, kind, key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (String key : distinct) {
                statement.setLong(1, experimentId);
                statement.setString(2, kind);
                statement.setString(3, key);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("Cannot record the keys of experiment " + experimentId, e, null);
        }
        return distinct.stream().map(key -> new KnownKey(scope, key)).toList();
    }

    /** Notes committed keys; the cache starts over when it grows past its bound. */
    private void remember(List<KnownKey> recorded) {
        if (recorded.isEmpty()) {
            return;
        }
        if (knownKeyCount.addAndGet(recorded.size()) > MAX_KNOWN_KEYS) {
            knownKeys.clear();
            knownKeyCount.set(recorded.size());
        }
        for (KnownKey known : recorded) {
            knownKeys.computeIfAbsent(known.scope(), scope -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                    .add(known.key());
        }
    }

    private void insertParams(Handle handle, String runId, List<ParamEntity> params) {
        documents.lockRun(handle, runId);
        Map<String, String> wanted = new LinkedHashMap<>();
        for (ParamEntity param : params) {
            String previous = wanted.putIfAbsent(param.key(), param.value());
            if (previous != null && !previous.equals(param.value())) {
                throw MlforgeException.invalidParameter("Duplicate parameter keys have been submitted: ['" + param.key()
                        + "']. Please ensure the request contains only one param value per param key.");
            }
        }
        List<String> changed = new ArrayList<>();
        for (List<String> chunk : chunks(new ArrayList<>(wanted.keySet()))) {
            handle.createQuery("SELECT key, value FROM params WHERE run_uuid = :run AND key IN (<keys>)")
                    .bind("run", runId).bindList("keys", chunk)
                    .map((rs, ctx) -> new ParamEntity(rs.getString(1), rs.getString(2)))
                    .forEach(old -> {
                        String value = wanted.remove(old.key());
                        if (!old.value().equals(value)) {
                            changed.add("{'key': '" + old.key() + "', 'old_value': '" + old.value()
                                    + "', 'new_value': '" + value + "'}");
                        }
                    });
        }
        if (!changed.isEmpty()) {
            throw MlforgeException.invalidParameter("Changing param values is not allowed. Params were already logged='"
                    + changed + "' for run ID='" + runId + "'.");
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO params (run_uuid, key, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
        wanted.forEach((key, value) -> batch.bind(0, runId).bind(1, key).bind(2, value).add());
        if (batch.size() > 0) {
            batch.execute();
            documents.addParams(handle, runId, wanted);
        }
    }

    /**
     * Appends to the history: to the staged {@link MetricLog} on SQLite, whose catch-up moves each key's latest value
     * forward before any read of latest values; on PostgreSQL with COPY (see {@link PostgresMetricCopy}) and an upsert
     * of each key's latest value. The batches go through plain JDBC: a 1000-metric batch is 6000 bound values, and
     * Jdbi's per-argument type lookup cost three times what SQLite spends storing them.
     */
    private void insertMetrics(Handle handle, String runId, List<MetricEntity> metrics) {
        try {
            if (metricLog.staged()) {
                metricLog.append(handle, runId, metrics);
                return;
            }
            if (metrics.size() >= PostgresMetricCopy.MIN_METRICS && PostgresMetricCopy.available(handle.getConnection())) {
                PostgresMetricCopy.append(handle.getConnection(), runId, metrics);
            } else {
                executeMetricBatch(handle, "INSERT INTO metrics " + MetricLog.COLUMNS
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", runId, metrics);
            }
            Map<String, MetricEntity> latest = new LinkedHashMap<>();
            for (MetricEntity metric : metrics) {
                latest.merge(metric.key(), metric, (old, candidate) -> candidate.isLaterThan(old) ? candidate : old);
            }
            executeMetricBatch(handle, StagedLatestValues.UPSERT, runId, latest.values());
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("Cannot store metrics of run " + runId, e, null);
        }
    }

    /** One row per metric, bound as {@link MetricLog#bindRow} binds it. */
    static void executeMetricBatch(Handle handle, String sql, String runId, Iterable<MetricEntity> metrics)
            throws SQLException {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
            for (MetricEntity metric : metrics) {
                MetricLog.bindRow(statement, 1, runId, metric);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private void upsertTags(Handle handle, String runId, List<Tag> tags) {
        if (tags.isEmpty()) {
            return;
        }
        documents.lockRun(handle, runId);
        Map<String, String> values = new LinkedHashMap<>();
        PreparedBatch batch = handle.prepareBatch("INSERT INTO tags (run_uuid, key, value) VALUES (?, ?, ?) "
                + "ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value");
        for (Tag tag : tags) {
            batch.bind(0, runId).bind(1, tag.key()).bind(2, tag.value()).add();
            values.put(tag.key(), tag.value());
            if (tag.key().equals(RUN_NAME_TAG)) {
                handle.execute("UPDATE runs SET name = ? WHERE run_uuid = ?", tag.value(), runId);
            }
        }
        batch.execute();
        documents.setTags(handle, runId, values);
    }

    @Override
    public boolean deleteTag(String runId, String key) {
        return database.write(handle -> {
            documents.lockRun(handle, runId);
            boolean deleted = handle.execute("DELETE FROM tags WHERE run_uuid = ? AND key = ?", runId, key) > 0;
            if (deleted) {
                documents.deleteTag(handle, runId, key);
            }
            return deleted;
        });
    }

    @Override
    public void logInputs(String runId, String experimentId, List<DatasetInputEntity> inputs) {
        long experiment = Long.parseLong(experimentId);
        database.write(handle -> {
            for (DatasetInputEntity input : inputs) {
                String datasetId = datasetId(handle, experiment, input.dataset());
                Optional<String> existing = handle.createQuery("SELECT input_uuid FROM inputs WHERE source_type = 'DATASET' "
                                + "AND source_id = ? AND destination_type = 'RUN' AND destination_id = ?")
                        .bind(0, datasetId).bind(1, runId).mapTo(String.class).findOne();
                if (existing.isPresent()) {
                    continue;
                }
                String inputId = newId();
                handle.execute("INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id) "
                        + "VALUES (?, 'DATASET', ?, 'RUN', ?)", inputId, datasetId, runId);
                for (Tag tag : input.tags()) {
                    handle.execute("INSERT INTO input_tags (input_uuid, name, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                            inputId, tag.key(), tag.value());
                }
            }
            return null;
        });
    }

    private static String datasetId(Handle handle, long experimentId, DatasetEntity dataset) {
        Optional<String> existing = handle.createQuery("SELECT dataset_uuid FROM datasets WHERE experiment_id = ? "
                        + "AND name = ? AND digest = ?")
                .bind(0, experimentId).bind(1, dataset.name()).bind(2, dataset.digest()).mapTo(String.class).findOne();
        if (existing.isPresent()) {
            return existing.get();
        }
        String id = newId();
        handle.execute("INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, source_type, source, schema, profile) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, experimentId, dataset.name(), dataset.digest(),
                dataset.sourceType(), dataset.source(), dataset.schema(), dataset.profile());
        return id;
    }

    @Override
    public List<RunEntity> searchRuns(RunSearch search) {
        List<Long> experimentIds = search.experimentIds().stream().map(JdbiTrackingStore::parseId)
                .filter(java.util.Objects::nonNull).toList();
        SqlQuery walk = searchSql.orderedWalk(search, experimentIds);
        List<SqlQuery> segments = searchSql.runs(search, experimentIds, walk != null);
        metricLog.catchUpLatest(); // latest values of runs staged in the metric log: the search filters and orders on them
        return database.read(handle -> {
            List<RunInfoEntity> grouped = readValueGroups(handle, search, experimentIds);
            if (grouped != null) {
                return withData(handle, grouped);
            }
            if (walk != null) {
                List<RunInfoEntity> page = readPage(handle, List.of(walk), search.offset(), search.limit());
                if (page.size() == search.limit()) {
                    return withData(handle, page);
                }
            }
            return withData(handle, readPage(handle, segments, search.offset(), search.limit()));
        });
    }

    /**
     * A full page of a search ordered by one param or tag, read value group by value group from the page token's seek
     * position (see {@link ValueGroupSql}); null when the search does not qualify, when a token holds only an offset,
     * or when the groups end (runs lacking the key follow) or are too many and small before the page is full.
     */
    private List<RunInfoEntity> readValueGroups(Handle handle, RunSearch search, List<Long> experimentIds) {
        if (!valueGroups.applies(search, experimentIds) || (search.seek() == null && search.offset() > 0)) {
            return null;
        }
        OrderClause order = search.orderBy().get(0);
        RunSeek seek = search.seek();
        String value = seek != null ? seek.value() : firstRow(handle, valueGroups.nextValue(order, null));
        List<RunInfoEntity> page = new ArrayList<>();
        for (int groups = 0; value != null && page.size() < search.limit(); groups++) {
            if (groups == ValueGroupSql.MAX_GROUPS) {
                return null;
            }
            SqlQuery size = valueGroups.groupSize(order, value);
            boolean large = bind(handle.createQuery(size.sql()), size.args()).mapTo(Integer.class).one() >= ValueGroupSql.LARGE_GROUP;
            SqlQuery group = valueGroups.group(search, experimentIds.get(0), value, groups == 0 ? seek : null, large,
                    search.limit() - page.size());
            page.addAll(bind(handle.createQuery(group.sql()), group.args()).map((rs, ctx) -> runInfoRow(rs)).list());
            value = firstRow(handle, valueGroups.nextValue(order, value));
        }
        return page.size() == search.limit() ? page : null;
    }

    private static String firstRow(Handle handle, SqlQuery query) {
        return bind(handle.createQuery(query.sql()), query.args()).mapTo(String.class).findOne().orElse(null);
    }

    /**
     * Reads a window of runs across search segments that follow each other in the sort order: a segment that
     * returns nothing lies wholly before the window, so its size (counted only then) is taken off the offset.
     */
    private static List<RunInfoEntity> readPage(Handle handle, List<SqlQuery> segments, int offset, int limit) {
        List<RunInfoEntity> page = new ArrayList<>();
        int skip = offset;
        for (SqlQuery segment : segments) {
            List<Object> args = new ArrayList<>(segment.args());
            args.add(limit - page.size());
            args.add(skip);
            List<RunInfoEntity> rows = bind(handle.createQuery(segment.sql() + " LIMIT ? OFFSET ?"), args)
                    .map((rs, ctx) -> runInfoRow(rs)).list();
            page.addAll(rows);
            if (page.size() == limit) {
                break;
            }
            if (rows.isEmpty() && skip > 0) {
                skip = Math.max(0, skip - bind(handle.createQuery("SELECT count(*) FROM (" + segment.sql() + ") segment"),
                        segment.args()).mapTo(Integer.class).one());
            } else {
                skip = 0;
            }
        }
        return page;
    }

    private static List<RunEntity> withData(Handle handle, List<RunInfoEntity> infos) {
        if (infos.isEmpty()) {
            return List.of();
        }
        Map<String, List<MetricEntity>> metrics = new HashMap<>();
        Map<String, List<ParamEntity>> params = new HashMap<>();
        Map<String, List<Tag>> tags = new HashMap<>();
        Map<String, List<DatasetInputEntity>> inputs = new HashMap<>();
        for (List<String> chunk : chunks(infos.stream().map(RunInfoEntity::runId).toList())) {
            handle.createQuery("SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics "
                            + "WHERE run_uuid IN (<ids>) ORDER BY key")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), metricRow(rs, 2)))
                    .forEach(e -> metrics.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            handle.createQuery("SELECT run_uuid, key, value FROM params WHERE run_uuid IN (<ids>) ORDER BY key")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), new ParamEntity(rs.getString(2), rs.getString(3))))
                    .forEach(e -> params.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            handle.createQuery("SELECT run_uuid, key, value FROM tags WHERE run_uuid IN (<ids>) ORDER BY key")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), new Tag(rs.getString(2), rs.getString(3))))
                    .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            loadInputs(handle, chunk, inputs);
        }
        return infos.stream().map(info -> new RunEntity(info, metrics.getOrDefault(info.runId(), List.of()),
                params.getOrDefault(info.runId(), List.of()), tags.getOrDefault(info.runId(), List.of()),
                inputs.getOrDefault(info.runId(), List.of()))).toList();
    }

    private static void loadInputs(Handle handle, List<String> runIds, Map<String, List<DatasetInputEntity>> into) {
        Map<String, List<Tag>> inputTags = new HashMap<>();
        handle.createQuery("SELECT it.input_uuid, it.name, it.value FROM input_tags it JOIN inputs i "
                        + "ON i.input_uuid = it.input_uuid WHERE i.destination_type = 'RUN' AND i.destination_id IN (<ids>) "
                        + "ORDER BY it.name")
                .bindList("ids", runIds)
                .map((rs, ctx) -> Map.entry(rs.getString(1), new Tag(rs.getString(2), rs.getString(3))))
                .forEach(e -> inputTags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        handle.createQuery("SELECT i.destination_id, i.input_uuid, d.name, d.digest, d.source_type, d.source, d.schema, "
                        + "d.profile FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id "
                        + "WHERE i.destination_type = 'RUN' AND i.source_type = 'DATASET' AND i.destination_id IN (<ids>) "
                        + "ORDER BY d.name, d.digest")
                .bindList("ids", runIds)
                .map((rs, ctx) -> Map.entry(rs.getString(1), new DatasetInputEntity(
                        new DatasetEntity(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8)),
                        inputTags.getOrDefault(rs.getString(2), List.of()))))
                .forEach(e -> into.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }

    @Override
    public List<MetricEntity> metricHistory(String runId, String key, int offset, int limit) {
        return database.read(handle -> handle.createQuery("SELECT key, value, timestamp, step, is_nan FROM metric_points "
                        + "WHERE run_uuid = ? AND key = ? ORDER BY step, timestamp, is_nan, value LIMIT ? OFFSET ?")
                .bind(0, runId).bind(1, key).bind(2, limit).bind(3, offset)
                .map((rs, ctx) -> metricRow(rs, 1)).list());
    }

    @Override
    public List<String> experimentKeys(String experimentId, String kind, String contains, String after, int limit) {
        String like = contains == null || contains.isEmpty() ? null
                : "%" + contains.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%";
        // The key summary kept on write (recordKeys): a range of its primary key, whatever the number of runs.
        String sql = "SELECT key FROM experiment_keys WHERE experiment_id = :experiment AND kind = :kind"
                + (like == null ? "" : " AND LOWER(key) LIKE :like ESCAPE '\\'")
                + (after == null ? "" : " AND key > :after")
                + " ORDER BY key LIMIT :limit";
        return database.read(handle -> {
            var query = handle.createQuery(sql).bind("experiment", Long.parseLong(experimentId)).bind("kind", kind)
                    .bind("limit", limit);
            if (like != null) {
                query.bind("like", like);
            }
            if (after != null) {
                query.bind("after", after);
            }
            return query.mapTo(String.class).list();
        });
    }

    @Override
    public List<RunMetric> metricHistories(List<String> runIds, String key, Long startStep, Long endStep) {
        return database.read(handle -> handle.createQuery("SELECT run_uuid, key, value, timestamp, step, is_nan FROM metric_points "
                        + "WHERE run_uuid IN (<ids>) AND key = :key AND step >= :start AND step <= :end "
                        + "ORDER BY run_uuid, step, timestamp, is_nan, value")
                .bindList("ids", runIds).bind("key", key)
                .bind("start", startStep == null ? Long.MIN_VALUE : startStep)
                .bind("end", endStep == null ? Long.MAX_VALUE : endStep)
                .map((rs, ctx) -> new RunMetric(rs.getString(1), metricRow(rs, 2))).list());
    }

    /**
     * Per run: its first and last step (two seeks of the (run_uuid, key, step) primary key), {@code :n} target steps
     * evenly spaced between them (integer arithmetic, no overflow), each moved to the first logged step at or after it
     * (one seek each), plus the steps of the lowest and highest number (a scan of the run's points of that key inside
     * the database, nothing transferred); then the points at those steps. Only the chosen points leave the database:
     * about 320 a run instead of every one (the compare page's 100 runs x 1,000 steps read 100,000 rows before).
     * CROSS JOIN keeps SQLite from turning the last join around (SQLite 3.54 planned a scan of every metric row with a
     * Bloom filter on the picked steps, seconds at 1,000,000 points); PostgreSQL plans it as a plain join.
     * The sample is taken from the folded history (the {@code metric_points} view would cost the MIN/MAX seeks their index),
     * so the staged log is folded first when it holds points; points appended after that fold are added whole, so the
     * first, last, lowest and highest points of the two tables together are always there.
     */
    private static final String SAMPLED_HISTORIES = """
            WITH RECURSIVE bounds AS (
              SELECT r.run_uuid,
                (SELECT MIN(x.step) FROM metrics x WHERE x.run_uuid = r.run_uuid AND x.key = :key) AS lo,
                (SELECT MAX(x.step) FROM metrics x WHERE x.run_uuid = r.run_uuid AND x.key = :key) AS hi
              FROM runs r WHERE r.run_uuid IN (<ids>)
            ), targets (run_uuid, i, lo, hi) AS (
              SELECT run_uuid, 0, lo, hi FROM bounds WHERE lo IS NOT NULL
              UNION ALL
              SELECT run_uuid, i + 1, lo, hi FROM targets WHERE i + 1 < :n
            ), picked AS (
              SELECT t.run_uuid, (SELECT MIN(x.step) FROM metrics x WHERE x.run_uuid = t.run_uuid AND x.key = :key
                  AND x.step >= t.lo + (t.hi - t.lo) / (:n - 1) * t.i + ((t.hi - t.lo) % (:n - 1)) * t.i / (:n - 1)) AS step
              FROM targets t
              UNION
              SELECT b.run_uuid, (SELECT x.step FROM metrics x WHERE x.run_uuid = b.run_uuid AND x.key = :key
                  AND x.is_nan = 0 ORDER BY x.value, x.step LIMIT 1) FROM bounds b WHERE b.lo IS NOT NULL
              UNION
              SELECT b.run_uuid, (SELECT x.step FROM metrics x WHERE x.run_uuid = b.run_uuid AND x.key = :key
                  AND x.is_nan = 0 ORDER BY x.value DESC, x.step LIMIT 1) FROM bounds b WHERE b.lo IS NOT NULL
            )
            SELECT m.run_uuid, m.value, m.timestamp, m.step, m.is_nan
            FROM picked p CROSS JOIN metrics m WHERE m.run_uuid = p.run_uuid AND m.key = :key AND m.step = p.step
            UNION
            SELECT l.run_uuid, l.value, l.timestamp, l.step, l.is_nan FROM metric_log l
            WHERE l.run_uuid IN (<ids>) AND l.key = :key
            ORDER BY 1, 4, 3, 5, 2
            """;

    /**
     * {@link #SAMPLED_HISTORIES} on SQLite, whose history is keyed by series id since V38 ({@code metrics} is a view
     * joining {@code metric_series}): the same steps, read from {@code metric_history} by the series' id, so that each
     * MIN/MAX and each target step is one seek of its primary key. Through the view's join SQLite scanned the series'
     * points for every one of them (the compare page's 100 runs x 1,000 steps: 671 ms through the API instead of 248).
     */
    private static final String SAMPLED_HISTORIES_SQLITE = """
            WITH RECURSIVE bounds AS (
              SELECT s.run_uuid, s.id AS sid,
                (SELECT MIN(x.step) FROM metric_history x WHERE x.series_id = s.id) AS lo,
                (SELECT MAX(x.step) FROM metric_history x WHERE x.series_id = s.id) AS hi
              FROM metric_series s WHERE s.run_uuid IN (<ids>) AND s.key = :key
            ), targets (run_uuid, sid, i, lo, hi) AS (
              SELECT run_uuid, sid, 0, lo, hi FROM bounds WHERE lo IS NOT NULL
              UNION ALL
              SELECT run_uuid, sid, i + 1, lo, hi FROM targets WHERE i + 1 < :n
            ), picked AS (
              SELECT t.run_uuid, t.sid, (SELECT MIN(x.step) FROM metric_history x WHERE x.series_id = t.sid
                  AND x.step >= t.lo + (t.hi - t.lo) / (:n - 1) * t.i + ((t.hi - t.lo) % (:n - 1)) * t.i / (:n - 1)) AS step
              FROM targets t
              UNION
              SELECT b.run_uuid, b.sid, (SELECT x.step FROM metric_history x WHERE x.series_id = b.sid
                  AND x.is_nan = 0 ORDER BY x.value, x.step LIMIT 1) FROM bounds b WHERE b.lo IS NOT NULL
              UNION
              SELECT b.run_uuid, b.sid, (SELECT x.step FROM metric_history x WHERE x.series_id = b.sid
                  AND x.is_nan = 0 ORDER BY x.value DESC, x.step LIMIT 1) FROM bounds b WHERE b.lo IS NOT NULL
            )
            SELECT p.run_uuid, m.value, m.timestamp, m.step, m.is_nan
            FROM picked p CROSS JOIN metric_history m WHERE m.series_id = p.sid AND m.step = p.step
            UNION
            SELECT l.run_uuid, l.value, l.timestamp, l.step, l.is_nan FROM metric_log l
            WHERE l.run_uuid IN (<ids>) AND l.key = :key
            ORDER BY 1, 4, 3, 5, 2
            """;

    @Override
    public List<RunMetric> sampledMetricHistories(List<String> runIds, String key, int maxSteps) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        if (metricLog.pending() > 0) {
            metricLog.fold(); // sample the whole history: points still staged would otherwise all be added unsampled
        }
        return database.read(handle -> {
            List<RunMetric> points = new ArrayList<>();
            for (List<String> chunk : chunks(runIds.stream().distinct().toList())) {
                handle.createQuery(metricLog.staged() ? SAMPLED_HISTORIES_SQLITE : SAMPLED_HISTORIES).bindList("ids", chunk).bind("key", key)
                        .bind("n", Math.max(2, maxSteps))
                        .map((rs, ctx) -> new RunMetric(rs.getString(1), metricPoint(key, rs, 2)))
                        .forEach(points::add);
            }
            return points;
        });
    }

    @Override
    public List<MetricRange> metricRanges(List<String> runIds, String key) {
        // computed by the database over every point (the history's (run_uuid, key) range and the run's staged points)
        return database.read(handle -> handle.createQuery("SELECT run_uuid, MIN(value), MAX(value) FROM metric_points "
                        + "WHERE run_uuid IN (<ids>) AND key = :key AND is_nan = 0 GROUP BY run_uuid")
                .bindList("ids", runIds).bind("key", key)
                .map((rs, ctx) -> new MetricRange(rs.getString(1), rs.getDouble(2), rs.getDouble(3))).list());
    }

    /** Reads key, value, timestamp, step, is_nan starting at column {@code first}. */
    private static MetricEntity metricRow(ResultSet rs, int first) throws SQLException {
        return metricPoint(rs.getString(first), rs, first + 1);
    }

    /** Reads value, timestamp, step, is_nan starting at column {@code first}, for {@code key}. */
    private static MetricEntity metricPoint(String key, ResultSet rs, int first) throws SQLException {
        boolean nan = rs.getInt(first + 3) != 0;
        return new MetricEntity(key, nan ? Double.NaN : rs.getDouble(first), rs.getLong(first + 1), rs.getLong(first + 2));
    }

    private static <Q extends Query> Q bind(Q query, List<Object> args) {
        for (int i = 0; i < args.size(); i++) {
            query.bind(i, args.get(i));
        }
        return query;
    }

    private static <T> List<List<T>> chunks(List<T> values) {
        List<List<T>> chunks = new ArrayList<>();
        for (int start = 0; start < values.size(); start += IN_CHUNK) {
            chunks.add(values.subList(start, Math.min(values.size(), start + IN_CHUNK)));
        }
        return chunks;
    }

    private static Long parseId(String experimentId) {
        try {
            return Long.parseLong(experimentId);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
