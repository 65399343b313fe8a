package dev.mlforge.bench.tracing;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The same-run baseline of the OTLP ingest bench: the span rows of {@link TraceBench#batch} (rows built before the
 * clock) inserted by plain JDBC batches into a bare SQLite table shaped like mlforge's {@code spans}, one transaction
 * per 100-span batch, WAL and {@code synchronous=NORMAL} as the store runs. No HTTP, no protobuf parsing, no trace
 * rows: what this machine's SQLite can store at all, right now.
 */
final class SpanFloor {
    private static final HexFormat HEX = HexFormat.of();

    private SpanFloor() {}

    private record Row(String traceId, String spanId, String parentSpanId, String name, String type, long start, long end,
            byte[] content) {}

    /** Spans per second of wall time for {@code batches} batches. */
    static double spansPerSecond(Path dir, int batches) throws Exception {
        List<List<Row>> rows = new ArrayList<>();
        for (int batch = 0; batch < batches; batch++) {
            rows.add(rows(TraceBench.batch(batch)));
        }
        Path file = Files.createTempDirectory(dir, "span-floor-").resolve("floor.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("CREATE TABLE spans (trace_id TEXT NOT NULL, span_id TEXT NOT NULL, parent_span_id TEXT, "
                        + "name TEXT, type TEXT, status TEXT, start_time_ns INTEGER NOT NULL, end_time_ns INTEGER, "
                        + "content BLOB NOT NULL, PRIMARY KEY (trace_id, span_id)) WITHOUT ROWID");
            }
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO spans (trace_id, span_id, "
                    + "parent_span_id, name, type, status, start_time_ns, end_time_ns, content) VALUES (?, ?, ?, ?, ?, 'OK', ?, ?, ?)")) {
                for (List<Row> batch : rows) {
                    for (Row row : batch) {
                        insert.setString(1, row.traceId());
                        insert.setString(2, row.spanId());
                        insert.setString(3, row.parentSpanId());
                        insert.setString(4, row.name());
                        insert.setString(5, row.type());
                        insert.setLong(6, row.start());
                        insert.setLong(7, row.end());
                        insert.setBytes(8, row.content());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                }
            }
            return batches * 100.0 / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static List<Row> rows(byte[] body) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Span span : ExportTraceServiceRequest.parseFrom(body).getResourceSpans(0).getScopeSpans(0).getSpansList()) {
            String traceId = null;
            String type = null;
            for (KeyValue attribute : span.getAttributesList()) {
                if (attribute.getKey().equals("mlflow.traceRequestId")) {
                    traceId = attribute.getValue().getStringValue();
                } else if (attribute.getKey().equals("mlflow.spanType")) {
                    type = attribute.getValue().getStringValue();
                }
            }
            rows.add(new Row(traceId, HEX.formatHex(span.getSpanId().toByteArray()),
                    span.getParentSpanId().isEmpty() ? null : HEX.formatHex(span.getParentSpanId().toByteArray()),
                    span.getName(), type, span.getStartTimeUnixNano(), span.getEndTimeUnixNano(), span.toByteArray()));
        }
        return rows;
    }
}
