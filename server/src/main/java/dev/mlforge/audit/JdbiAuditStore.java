package dev.mlforge.audit;

import dev.mlforge.store.Database;
import dev.mlforge.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The audit chain in the {@code audit_records} and {@code audit_head} tables (V12), on SQLite or PostgreSQL. */
final class JdbiAuditStore implements AuditStore {
    private static final String COLUMNS = "seq, time_ms, user_name, authenticated, action, resource, source_address, "
            + "status, error_code, request_id, prev_hash, hash";

    private final Database database;
    /** SQLite's {@code instr} and PostgreSQL's {@code strpos}: a case-sensitive "contains" in both. */
    private final String contains;

    JdbiAuditStore(Database database) {
        this.database = database;
        this.contains = database.dialect() == Dialect.SQLITE ? "instr" : "strpos";
    }

    /**
     * Links the events to the chain and writes them with the new head, in one transaction. The statements are bound
     * through plain JDBC: with a record or two per batch at ingest rates, JDBI's named binding and statement
     * bookkeeping were most of the audit writer's time (one record per OTLP export cost ~4 us per span).
     */
    @Override
    public void append(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        String lock = database.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
        database.write(handle -> {
            Connection connection = handle.getConnection();
            try {
                ChainHead stored = null;
                try (PreparedStatement head = connection.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1" + lock);
                        ResultSet rs = head.executeQuery()) {
                    if (rs.next()) {
                        stored = new ChainHead(rs.getLong(1), rs.getString(2));
                    }
                }
                ChainHead head = stored == null ? ChainHead.EMPTY : stored;
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_records (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (AuditEvent event : events) {
                        AuditRecordEntity record = AuditChain.link(head, event);
                        bind(insert, record);
                        insert.addBatch();
                        head = new ChainHead(record.seq(), record.hash());
                    }
                    insert.executeBatch();
                }
                try (PreparedStatement update = connection.prepareStatement(stored != null
                        ? "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1"
                        : "INSERT INTO audit_head (seq, hash, id) VALUES (?, ?, 1)")) {
                    update.setLong(1, head.seq());
                    update.setString(2, head.hash());
                    update.executeUpdate();
                }
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException("Cannot append audit records", e, null);
            }
            return null;
        });
    }

    /** The record's columns in {@link #COLUMNS} order. */
    private static void bind(PreparedStatement insert, AuditRecordEntity record) throws SQLException {
        AuditEvent event = record.event();
        insert.setLong(1, record.seq());
        insert.setLong(2, event.time().toEpochMilli());
        insert.setString(3, event.user());
        insert.setBoolean(4, event.authenticated());
        insert.setString(5, event.action());
        insert.setString(6, event.resource());
        insert.setString(7, event.sourceAddress());
        insert.setInt(8, event.status());
        insert.setString(9, event.errorCode());
        insert.setString(10, event.requestId());
        insert.setString(11, record.prevHash());
        insert.setString(12, record.hash());
    }

    @Override
    public List<AuditRecordEntity> search(AuditFilter filter) {
        List<String> where = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        add(where, values, filter.user(), "user_name = :user", "user", filter.user());
        add(where, values, filter.action(), contains + "(action, :action) > 0", "action", filter.action());
        if (filter.resource() != null) {
            where.add(contains + "(',' || resource || ',', :resource) > 0");
            values.put("resource", resourceNeedle(filter.resource()));
        }
        if (filter.outcome() != null) {
            where.add(outcomeClause(filter.outcome(), values));
        }
        add(where, values, filter.from(), "time_ms >= :from", "from", filter.from() == null ? null : filter.from().toEpochMilli());
        add(where, values, filter.to(), "time_ms <= :to", "to", filter.to() == null ? null : filter.to().toEpochMilli());
        add(where, values, filter.beforeSeq(), "seq < :before", "before", filter.beforeSeq());
        String sql = "SELECT " + COLUMNS + " FROM audit_records" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY seq DESC LIMIT :limit";
        return database.read(handle -> handle.createQuery(sql).bindMap(values).bind("limit", filter.limit())
                .map(JdbiAuditStore::map).list());
    }

    private static void add(List<String> where, Map<String, Object> values, Object filter, String clause, String name,
            Object value) {
        if (filter != null) {
            where.add(clause);
            values.put(name, value);
        }
    }

    /** {@code ,name=value,} for a pair, {@code =value,} for a bare value, matched inside {@code ,<resource>,}. */
    private static String resourceNeedle(String resource) {
        int equals = resource.indexOf('=');
        if (equals < 0) {
            return "=" + ResourcePairs.escape(resource) + ",";
        }
        return "," + ResourcePairs.escape(resource.substring(0, equals)) + "="
                + ResourcePairs.escape(resource.substring(equals + 1)) + ",";
    }

    private static String outcomeClause(Outcome outcome, Map<String, Object> values) {
        if (outcome instanceof Outcome.Status status) {
            values.put("status", status.status());
            return "status = :status";
        }
        if (outcome instanceof Outcome.Code code) {
            values.put("error_code", code.code());
            return "error_code = :error_code";
        }
        return outcome instanceof Outcome.Success ? "status < 400" : "status >= 400";
    }

    @Override
    public List<AuditRecordEntity> after(long afterSeq, int limit) {
        return database.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM audit_records WHERE seq > :after"
                        + " ORDER BY seq LIMIT :limit")
                .bind("after", afterSeq).bind("limit", limit).map(JdbiAuditStore::map).list());
    }

    @Override
    public Optional<ChainHead> head() {
        return database.read(handle -> handle.createQuery("SELECT seq, hash FROM audit_head WHERE id = 1")
                .map((rs, ctx) -> new ChainHead(rs.getLong("seq"), rs.getString("hash"))).findOne());
    }

    private static AuditRecordEntity map(ResultSet rs, StatementContext ctx) throws SQLException {
        String errorCode = rs.getString("error_code");
        AuditEvent event = new AuditEvent(Instant.ofEpochMilli(rs.getLong("time_ms")), rs.getString("user_name"),
                rs.getBoolean("authenticated"), rs.getString("action"), rs.getString("resource"),
                rs.getString("source_address"), rs.getInt("status"), errorCode, rs.getString("request_id"));
        return new AuditRecordEntity(rs.getLong("seq"), event, rs.getString("prev_hash"), rs.getString("hash"));
    }
}
