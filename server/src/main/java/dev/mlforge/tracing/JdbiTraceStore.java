package dev.mlforge.tracing;

import dev.mlforge.search.FilterClause;
import dev.mlforge.search.OrderClause;
import dev.mlforge.search.SqlComparison;
import dev.mlforge.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Traces, their tags, metadata, spans and assessments in the backend store (SQLite or PostgreSQL, the same SQL). */
final class JdbiTraceStore implements TraceStore {

    private static final String COLUMNS = "t.trace_id, t.experiment_id, t.request_time, t.execution_duration, t.state, "
            + "t.client_request_id, t.request_preview, t.response_preview";
    private static final Map<String, String> ATTRIBUTE_COLUMNS = Map.ofEntries(Map.entry("trace_id", "t.trace_id"),
            Map.entry("request_id", "t.trace_id"), Map.entry("timestamp_ms", "t.request_time"),
            Map.entry("timestamp", "t.request_time"), Map.entry("execution_time_ms", "t.execution_duration"),
            Map.entry("execution_time", "t.execution_duration"),
            Map.entry("end_time_ms", "(t.request_time + t.execution_duration)"),
            Map.entry("end_time", "(t.request_time + t.execution_duration)"), Map.entry("status", "t.state"),
            Map.entry("state", "t.state"), Map.entry("client_request_id", "t.client_request_id"),
            Map.entry("experiment_id", "t.experiment_id"));
    private static final String SOURCE_RUN = "mlflow.sourceRun";
    /** Attributes MLflow keeps in a tag or metadata entry. */
    private static final Map<String, String[]> KEYED_ATTRIBUTES = Map.of("name", new String[]{"trace_tags", "mlflow.traceName"},
            "run_id", new String[]{"trace_metadata", SOURCE_RUN});

    private final Database database;
    private final SqlComparison comparison;
    /** The span writer's statements by SQLite connection (see {@link #sqliteStatements}). */
    private final Map<Connection, SpanStatements> preparedSpanStatements = new IdentityHashMap<>();

    JdbiTraceStore(Database database) {
        this.database = database;
        this.comparison = new SqlComparison(database.dialect());
    }

    /** Records a trace's info (StartTraceV3): a trace its spans created is completed, its tags and metadata merged. */
    @Override
    public void start(TraceInfoEntity info, List<AssessmentRow> assessments) {
        database.write(handle -> {
            handle.createUpdate("INSERT INTO traces (trace_id, experiment_id, request_time, execution_duration, state, "
                            + "client_request_id, request_preview, response_preview) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (trace_id) DO UPDATE SET request_time = excluded.request_time, "
                            + "execution_duration = excluded.execution_duration, state = excluded.state, "
                            + "client_request_id = COALESCE(excluded.client_request_id, traces.client_request_id), "
                            + "request_preview = COALESCE(excluded.request_preview, traces.request_preview), "
                            + "response_preview = COALESCE(excluded.response_preview, traces.response_preview)")
                    .bind(0, info.traceId()).bind(1, Long.parseLong(info.experimentId())).bind(2, info.requestTime())
                    .bind(3, info.executionDuration()).bind(4, info.state()).bind(5, info.clientRequestId())
                    .bind(6, info.requestPreview()).bind(7, info.responsePreview()).execute();
            upsertEntries(handle, "trace_tags", info.traceId(), info.tags());
            upsertEntries(handle, "trace_metadata", info.traceId(), info.metadata());
            for (AssessmentRow assessment : assessments) {
                insertAssessment(handle, assessment);
            }
            return null;
        });
    }

    /**
     * Stores spans (a span sent again replaces the stored one) and creates or widens their traces' infos, as MLflow's
     * {@code log_spans} does: a new trace starts IN_PROGRESS unless its root span is here, and a trace's time range
     * widens to cover its spans (MLflow skips that for a finalized info only when it aggregates token usage). One
     * transaction and three batched statements for all the exports {@link SpanCommits} grouped, bound through plain
     * JDBC: JDBI's per-argument binding cost about as much as SQLite's insert itself at 100 spans a request.
     */
    @Override
    public void logSpans(List<SpanExport> exports) {
        boolean postgres = database.dialect() == dev.mlforge.store.Dialect.POSTGRESQL;
        database.write(handle -> {
            SpanStatements statements = null;
            boolean stored = false;
            try {
                statements = postgres ? SpanStatements.prepare(handle.getConnection(), true)
                        : sqliteStatements(handle.getConnection());
                List<TraceUpsert> traces = new ArrayList<>();
                for (SpanExport export : exports) {
                    long experiment = Long.parseLong(export.experimentId());
                    Map<String, List<SpanRow>> byTrace = new LinkedHashMap<>();
                    for (SpanRow span : export.spans()) {
                        byTrace.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
                    }
                    byTrace.forEach((traceId, spans) -> traces.add(new TraceUpsert(experiment, export.artifactRoot(),
                            SpanSummary.of(traceId, spans))));
                }
                upsertTraces(statements.traces(), traces, postgres);
                insertSpans(statements.spans(), exports, postgres);
                for (TraceUpsert trace : traces) {
                    String traceId = trace.summary().traceId();
                    addEntry(statements.tags(), traceId, ARTIFACT_LOCATION, trace.artifactRoot() + "/traces/" + traceId + "/artifacts");
                    addEntry(statements.tags(), traceId, SPANS_LOCATION, "TRACKING_STORE");
                }
                statements.tags().executeBatch();
                stored = true;
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException("Cannot store spans", e, null);
            } finally {
                if (statements != null && (postgres || !stored)) {
                    preparedSpanStatements.values().remove(statements); // a failed batch may leave rows bound
                    statements.close();
                }
            }
            return null;
        });
    }

    /**
     * The span statements of the SQLite connection under {@code pooled}, prepared the first time the span writer gets
     * that connection and kept for its next groups (preparing the three statements was ~9% of the writer's SQLite
     * time). They are prepared on the driver's own connection, which the pool does not track, so returning the
     * connection to the pool leaves them open; a connection the pool has closed since is dropped here with its
     * statements. Only called under the database's write lock.
     */
    private SpanStatements sqliteStatements(Connection pooled) throws SQLException {
        Connection connection = pooled.unwrap(Connection.class);
        preparedSpanStatements.keySet().removeIf(JdbiTraceStore::isClosed);
        SpanStatements statements = preparedSpanStatements.get(connection);
        if (statements == null) {
            statements = SpanStatements.prepare(connection, false);
            preparedSpanStatements.put(connection, statements);
        }
        return statements;
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** The three statements that store a group of span exports, on one connection. */
    private record SpanStatements(PreparedStatement traces, PreparedStatement spans, PreparedStatement tags)
            implements AutoCloseable {

        static SpanStatements prepare(Connection connection, boolean postgres) throws SQLException {
            String greatest = postgres ? "GREATEST" : "MAX";
            String least = postgres ? "LEAST" : "MIN";
            return new SpanStatements(connection.prepareStatement("INSERT INTO traces (trace_id, experiment_id, "
                    + "request_time, execution_duration, state, request_preview, response_preview) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (trace_id) DO UPDATE SET execution_duration = CASE WHEN excluded.execution_duration IS NULL "
                    + "THEN traces.execution_duration ELSE " + greatest + "(traces.request_time + COALESCE(traces.execution_duration, 0), "
                    + "excluded.request_time + excluded.execution_duration) - " + least + "(traces.request_time, excluded.request_time) END, "
                    + "request_time = " + least + "(traces.request_time, excluded.request_time), "
                    + "state = CASE WHEN excluded.state <> 'IN_PROGRESS' AND traces.state IN ('IN_PROGRESS', 'STATE_UNSPECIFIED') "
                    + "THEN excluded.state ELSE traces.state END, "
                    + "request_preview = COALESCE(traces.request_preview, excluded.request_preview), "
                    + "response_preview = COALESCE(traces.response_preview, excluded.response_preview)"),
                    connection.prepareStatement("INSERT INTO spans (trace_id, "
                    + "span_id, parent_span_id, name, type, status, start_time_ns, end_time_ns, content) VALUES (?, ?, ?, ?, ?, ?, "
                    + "?, ?, ?) ON CONFLICT (trace_id, span_id) DO UPDATE SET parent_span_id = excluded.parent_span_id, "
                    + "name = excluded.name, type = excluded.type, status = excluded.status, "
                    + "start_time_ns = excluded.start_time_ns, end_time_ns = excluded.end_time_ns, content = excluded.content"),
                    connection.prepareStatement("INSERT INTO trace_tags (trace_id, key, value) "
                    + "VALUES (?, ?, ?) ON CONFLICT (trace_id, key) DO NOTHING"));
        }

        /** Closes the statements; a failure to close one is not the store's failure. */
        @Override
        public void close() {
            for (PreparedStatement statement : List.of(traces, spans, tags)) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // the connection is gone or the statement already finalized
                }
            }
        }
    }

    /** What one export tells of one trace, and the experiment it goes to. */
    private record TraceUpsert(long experiment, String artifactRoot, SpanSummary summary) {}

    /**
     * Creates each trace, or widens a stored one to cover the new spans and completes it when its root span is here
     * (a root span's state replaces IN_PROGRESS; a finished trace keeps its state and previews). One upsert a trace
     * and export: the SET expressions read the stored row, {@code excluded} the new one. On PostgreSQL the driver
     * rewrites a batch into one multi-row statement, which may not update a row twice: a trace seen again in the
     * batch first sends the rows before it.
     */
    private static void upsertTraces(PreparedStatement upsert, List<TraceUpsert> traces, boolean postgres) throws SQLException {
        Set<String> batched = new HashSet<>();
        for (TraceUpsert trace : traces) {
            SpanSummary summary = trace.summary();
            if (postgres && !batched.add(summary.traceId())) {
                upsert.executeBatch();
                batched.clear();
                batched.add(summary.traceId());
            }
            upsert.setString(1, summary.traceId());
            upsert.setLong(2, trace.experiment());
            upsert.setLong(3, summary.minStartMs());
            if (summary.maxEndMs() == null) {
                upsert.setNull(4, Types.BIGINT);
            } else {
                upsert.setLong(4, summary.maxEndMs() - summary.minStartMs());
            }
            upsert.setString(5, summary.rootState() == null ? "IN_PROGRESS" : summary.rootState());
            upsert.setString(6, summary.requestPreview());
            upsert.setString(7, summary.responsePreview());
            upsert.addBatch();
        }
        upsert.executeBatch();
    }

    private static void addEntry(PreparedStatement statement, String traceId, String key, String value) throws SQLException {
        statement.setString(1, traceId);
        statement.setString(2, key);
        statement.setString(3, value);
        statement.addBatch();
    }

    /** The exports' spans, in order (a span sent again replaces the stored one); on PostgreSQL as in upsertTraces. */
    private static void insertSpans(PreparedStatement statement, List<SpanExport> exports, boolean postgres) throws SQLException {
        Set<String> batched = new HashSet<>();
        for (SpanExport export : exports) {
            for (SpanRow span : export.spans()) {
                if (postgres && !batched.add(span.traceId() + "/" + span.spanId())) {
                    statement.executeBatch();
                    batched.clear();
                    batched.add(span.traceId() + "/" + span.spanId());
                }
                statement.setString(1, span.traceId());
                statement.setString(2, span.spanId());
                statement.setString(3, span.parentSpanId());
                statement.setString(4, span.name());
                statement.setString(5, span.type());
                statement.setString(6, span.status());
                statement.setLong(7, span.startTimeNs());
                if (span.endTimeNs() == 0) {
                    statement.setNull(8, Types.BIGINT);
                } else {
                    statement.setLong(8, span.endTimeNs());
                }
                statement.setBytes(9, span.content());
                statement.addBatch();
            }
        }
        statement.executeBatch();
    }

    /** The experiment a trace is in, if the trace exists. */
    @Override
    public Optional<String> experimentOf(String traceId) {
        return database.read(handle -> handle.createQuery("SELECT experiment_id FROM traces WHERE trace_id = ?")
                .bind(0, traceId).mapTo(Long.class).findOne().map(String::valueOf));
    }

    @Override
    public Optional<TraceInfoEntity> find(String traceId) {
        return findAll(List.of(traceId)).stream().findFirst();
    }

    /** The infos of the traces that exist among {@code traceIds}, in that order. */
    @Override
    public List<TraceInfoEntity> findAll(List<String> traceIds) {
        if (traceIds.isEmpty()) {
            return List.of();
        }
        return database.read(handle -> {
            List<Row> rows = handle.createQuery("SELECT " + COLUMNS + " FROM traces t WHERE t.trace_id IN (<ids>)").bindList("ids", traceIds).map((rs, ctx) -> row(rs)).list();
            Map<String, Row> byId = rows.stream().collect(Collectors.toMap(Row::traceId, Function.identity()));
            return withDetails(handle, traceIds.stream().filter(byId::containsKey).map(byId::get).toList());
        });
    }

    /** The stored spans of a trace (protobuf bytes), by start time. */
    @Override
    public List<byte[]> spans(String traceId) {
        return database.read(handle -> handle.createQuery("SELECT content FROM spans WHERE trace_id = ? "
                + "ORDER BY start_time_ns, span_id").bind(0, traceId).mapTo(byte[].class).list());
    }

    /** One page of the traces of {@code experimentIds} matching every clause; one more row than asked tells a next page. */
    @Override
    public List<TraceInfoEntity> search(List<String> experimentIds, List<FilterClause> clauses, List<OrderClause> order,
            int limit, int offset) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM traces t WHERE t.experiment_id IN (");
        for (int i = 0; i < experimentIds.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
            args.add(Long.parseLong(experimentIds.get(i)));
        }
        sql.append(')');
        for (FilterClause clause : clauses) {
            sql.append(" AND ").append(predicate(clause, args));
        }
        sql.append(" ORDER BY ");
        for (OrderClause item : order) {
            sql.append(orderColumn(item)).append(item.ascending() ? " ASC, " : " DESC, ");
        }
        sql.append("t.request_time DESC, t.trace_id ASC LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return database.read(handle -> {
            Query query = handle.createQuery(sql.toString());
            for (int i = 0; i < args.size(); i++) {
                query.bind(i, args.get(i));
            }
            return withDetails(handle, query.map((rs, ctx) -> row(rs)).list());
        });
    }

    private String predicate(FilterClause clause, List<Object> args) {
        SqlComparison.Binder binder = SqlComparison.positional(args);
        return switch (clause.type()) {
            case TAG -> keyed("trace_tags", clause.key(), clause, args);
            case METADATA -> keyed("trace_metadata", clause.key(), clause, args);
            default -> {
                String[] keyed = KEYED_ATTRIBUTES.get(clause.key());
                if (keyed != null && keyed[1].equals(SOURCE_RUN)) {
                    // A trace belongs to a run that recorded it or that it was linked to (LinkTracesToRun).
                    String recorded = keyed(keyed[0], keyed[1], clause, args);
                    yield "(" + recorded + " OR t.trace_id IN (SELECT l.trace_id FROM trace_run_links l WHERE "
                            + comparison.compare("l.run_id", clause, SqlComparison.positional(args)) + "))";
                }
                if (keyed != null) {
                    yield keyed(keyed[0], keyed[1], clause, args);
                }
                String column = ATTRIBUTE_COLUMNS.get(clause.key());
                if (clause.value() instanceof Double number && !column.equals("t.state")) {
                    args.add(number.longValue() == number ? (Object) number.longValue() : number);
                    yield column + " " + clause.comparator() + " ?";
                }
                yield comparison.compare(column, clause, binder);
            }
        };
    }

    private String keyed(String table, String key, FilterClause clause, List<Object> args) {
        args.add(key);
        return "t.trace_id IN (SELECT e.trace_id FROM " + table + " e WHERE e.key = ? AND "
                + comparison.compare("e.value", clause, SqlComparison.positional(args)) + ")";
    }

    private static String orderColumn(OrderClause item) {
        String column = ATTRIBUTE_COLUMNS.get(item.key());
        if (column == null) {
            throw dev.mlforge.http.MlforgeException.invalidParameter("Invalid order_by entity: " + item.key());
        }
        return column;
    }

    @Override
    public void setTag(String traceId, String key, String value) {
        database.write(handle -> {
            upsertEntries(handle, "trace_tags", traceId, Map.of(key, value));
            return null;
        });
    }

    @Override
    public void linkToRun(List<String> traceIds, String runId) {
        database.write(handle -> {
            PreparedBatch batch = handle.prepareBatch("INSERT INTO trace_run_links (trace_id, run_id) VALUES (?, ?) "
                    + "ON CONFLICT (trace_id, run_id) DO NOTHING");
            traceIds.forEach(traceId -> batch.add(traceId, runId));
            return batch.execute();
        });
    }

    @Override
    public boolean deleteTag(String traceId, String key) {
        return database.write(handle -> handle.createUpdate("DELETE FROM trace_tags WHERE trace_id = ? AND key = ?")
                .bind(0, traceId).bind(1, key).execute() > 0);
    }

    /** Deletes the listed traces of the experiment; answers how many there were. */
    @Override
    public int delete(String experimentId, List<String> traceIds) {
        if (traceIds.isEmpty()) {
            return 0;
        }
        return database.write(handle -> deleteTraces(handle, handle.createQuery("SELECT trace_id FROM traces WHERE "
                        + "experiment_id = :experiment AND trace_id IN (<ids>)")
                .bind("experiment", Long.parseLong(experimentId)).bindList("ids", traceIds).mapTo(String.class).list()));
    }

    /** Deletes up to {@code maxTraces} of the experiment's traces started at or before {@code maxTimestamp}, oldest first. */
    @Override
    public int deleteOlder(String experimentId, long maxTimestamp, int maxTraces) {
        return database.write(handle -> deleteTraces(handle, handle.createQuery("SELECT trace_id FROM traces WHERE "
                        + "experiment_id = ? AND request_time <= ? ORDER BY request_time, trace_id LIMIT ?")
                .bind(0, Long.parseLong(experimentId)).bind(1, maxTimestamp).bind(2, maxTraces).mapTo(String.class).list()));
    }

    private static int deleteTraces(Handle handle, List<String> traceIds) {
        if (traceIds.isEmpty()) {
            return 0;
        }
        String in = " WHERE trace_id IN (<ids>)";
        for (String table : List.of("spans", "trace_tags", "trace_metadata", "assessments", "trace_run_links")) {
            handle.createUpdate("DELETE FROM " + table + in).bindList("ids", traceIds).execute();
        }
        return handle.createUpdate("DELETE FROM traces" + in).bindList("ids", traceIds).execute();
    }

    @Override
    public void insertAssessment(AssessmentRow row) {
        database.write(handle -> {
            insertAssessment(handle, row);
            return null;
        });
    }

    private static void insertAssessment(Handle handle, AssessmentRow row) {
        handle.createUpdate("INSERT INTO assessments (assessment_id, trace_id, name, create_time, last_update_time, content) "
                        + "VALUES (?, ?, ?, ?, ?, ?)").bind(0, row.assessmentId()).bind(1, row.traceId()).bind(2, row.name())
                .bind(3, row.createTime()).bind(4, row.lastUpdateTime()).bind(5, row.content()).execute();
    }

    @Override
    public Optional<String> assessment(String traceId, String assessmentId) {
        return database.read(handle -> handle.createQuery("SELECT content FROM assessments WHERE trace_id = ? "
                + "AND assessment_id = ?").bind(0, traceId).bind(1, assessmentId).mapTo(String.class).findOne());
    }

    @Override
    public void updateAssessment(AssessmentRow row) {
        database.write(handle -> handle.createUpdate("UPDATE assessments SET name = ?, last_update_time = ?, content = ? "
                        + "WHERE trace_id = ? AND assessment_id = ?").bind(0, row.name()).bind(1, row.lastUpdateTime())
                .bind(2, row.content()).bind(3, row.traceId()).bind(4, row.assessmentId()).execute());
    }

    @Override
    public boolean deleteAssessment(String traceId, String assessmentId) {
        return database.write(handle -> handle.createUpdate("DELETE FROM assessments WHERE trace_id = ? AND assessment_id = ?")
                .bind(0, traceId).bind(1, assessmentId).execute() > 0);
    }

    private static void upsertEntries(Handle handle, String table, String traceId, Map<String, String> entries) {
        if (entries == null || entries.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO " + table + " (trace_id, key, value) VALUES (?, ?, ?) "
                + "ON CONFLICT (trace_id, key) DO UPDATE SET value = excluded.value");
        entries.forEach((key, value) -> batch.add(traceId, key, value));
        batch.execute();
    }

    private record Row(String traceId, String experimentId, long requestTime, Long executionDuration, String state,
            String clientRequestId, String requestPreview, String responsePreview) {}

    private static Row row(ResultSet rs) throws SQLException {
        long duration = rs.getLong("execution_duration");
        Long executionDuration = rs.wasNull() ? null : duration;
        return new Row(rs.getString("trace_id"), String.valueOf(rs.getLong("experiment_id")), rs.getLong("request_time"),
                executionDuration, rs.getString("state"), rs.getString("client_request_id"),
                rs.getString("request_preview"), rs.getString("response_preview"));
    }

    private static List<TraceInfoEntity> withDetails(Handle handle, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(Row::traceId).toList();
        Map<String, Map<String, String>> tags = entries(handle, "trace_tags", ids);
        Map<String, Map<String, String>> metadata = entries(handle, "trace_metadata", ids);
        Map<String, List<String>> assessments = handle.createQuery("SELECT trace_id, content FROM assessments WHERE "
                        + "trace_id IN (<ids>) ORDER BY create_time, assessment_id")
                .bindList("ids", ids).reduceRows(new LinkedHashMap<>(), (map, row) -> {
                    map.computeIfAbsent(row.getColumn("trace_id", String.class), id -> new ArrayList<>())
                            .add(row.getColumn("content", String.class));
                    return map;
                });
        return rows.stream().map(row -> new TraceInfoEntity(row.traceId(), row.experimentId(), row.requestTime(),
                row.executionDuration(), row.state(), row.clientRequestId(), row.requestPreview(), row.responsePreview(),
                tags.getOrDefault(row.traceId(), Map.of()), metadata.getOrDefault(row.traceId(), Map.of()),
                assessments.getOrDefault(row.traceId(), List.of()))).toList();
    }

    private static Map<String, Map<String, String>> entries(Handle handle, String table, List<String> ids) {
        return handle.createQuery("SELECT trace_id, key, value FROM " + table + " WHERE trace_id IN (<ids>) ORDER BY trace_id, key")
                .bindList("ids", ids).reduceRows(new LinkedHashMap<>(), (map, row) -> {
                    map.computeIfAbsent(row.getColumn("trace_id", String.class), id -> new LinkedHashMap<>())
                            .put(row.getColumn("key", String.class), row.getColumn("value", String.class));
                    return map;
                });
    }
}
