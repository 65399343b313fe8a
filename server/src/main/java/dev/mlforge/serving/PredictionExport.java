package dev.mlforge.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.api.serving.InferenceTensor;
import dev.mlforge.api.serving.PredictionLogEntry;
import dev.mlforge.http.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The prediction log as wire entries, as CSV (RFC 4180, one row per logged prediction, tensors and label as JSON
 * cells) and as Parquet (the same columns, typed).
 */
final class PredictionExport {
    static final List<String> COLUMNS = List.of("request_id", "timestamp", "model_version", "shadow", "latency_ms",
            "inputs", "outputs", "label", "feedback_timestamp");

    private PredictionExport() {}

    static PredictionLogEntry entry(StoredPrediction stored) {
        PredictionRecord record = stored.record();
        return new PredictionLogEntry(record.requestId(), record.version(), record.shadow(), record.time().toEpochMilli(),
                record.latencyMillis(), tensors(record.inputsJson()), tensors(record.outputsJson()), label(record.label()),
                stored.feedbackTime() == null ? null : stored.feedbackTime().toEpochMilli());
    }

    static void csv(List<StoredPrediction> rows, Writer out) throws IOException {
        out.write(String.join(",", COLUMNS) + "\r\n");
        for (StoredPrediction stored : rows) {
            PredictionRecord record = stored.record();
            List<String> cells = Arrays.asList(record.requestId(), record.time().toString(), record.version(),
                    Boolean.toString(record.shadow()), Double.toString(record.latencyMillis()), record.inputsJson(),
                    record.outputsJson(), record.label() == null ? "" : record.label(),
                    stored.feedbackTime() == null ? "" : stored.feedbackTime().toString());
            List<String> quoted = new ArrayList<>(cells.size());
            cells.forEach(cell -> quoted.add(quote(cell)));
            out.write(String.join(",", quoted) + "\r\n");
        }
        out.flush();
    }

    static void parquet(List<StoredPrediction> rows, OutputStream out) throws IOException {
        List<Object> requestIds = new ArrayList<>();
        List<Object> times = new ArrayList<>();
        List<Object> versions = new ArrayList<>();
        List<Object> shadows = new ArrayList<>();
        List<Object> latencies = new ArrayList<>();
        List<Object> inputs = new ArrayList<>();
        List<Object> outputs = new ArrayList<>();
        List<Object> labels = new ArrayList<>();
        List<Object> feedbackTimes = new ArrayList<>();
        for (StoredPrediction stored : rows) {
            PredictionRecord record = stored.record();
            requestIds.add(record.requestId());
            times.add(record.time().toEpochMilli());
            versions.add(record.version());
            shadows.add(record.shadow());
            latencies.add(record.latencyMillis());
            inputs.add(record.inputsJson());
            outputs.add(record.outputsJson());
            labels.add(record.label());
            feedbackTimes.add(stored.feedbackTime() == null ? null : stored.feedbackTime().toEpochMilli());
        }
        ParquetTable.write(out, List.of(
                new ParquetTable.Column("request_id", ParquetTable.Kind.STRING, false, requestIds),
                new ParquetTable.Column("timestamp", ParquetTable.Kind.TIMESTAMP_MILLIS, false, times),
                new ParquetTable.Column("model_version", ParquetTable.Kind.STRING, false, versions),
                new ParquetTable.Column("shadow", ParquetTable.Kind.BOOLEAN, false, shadows),
                new ParquetTable.Column("latency_ms", ParquetTable.Kind.DOUBLE, false, latencies),
                new ParquetTable.Column("inputs", ParquetTable.Kind.STRING, false, inputs),
                new ParquetTable.Column("outputs", ParquetTable.Kind.STRING, false, outputs),
                new ParquetTable.Column("label", ParquetTable.Kind.STRING, true, labels),
                new ParquetTable.Column("feedback_timestamp", ParquetTable.Kind.TIMESTAMP_MILLIS, true, feedbackTimes)),
                rows.size());
    }

    /** A CSV cell, quoted when it holds a separator, a quote or a line end (quotes doubled). */
    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }

    private static List<InferenceTensor> tensors(String json) {
        try {
            return List.of(Json.mapper().readValue(json, InferenceTensor[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a logged prediction's tensors are not JSON", e);
        }
    }

    private static Object label(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored feedback label is not JSON", e);
        }
    }
}
