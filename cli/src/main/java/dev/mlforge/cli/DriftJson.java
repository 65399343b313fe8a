package dev.mlforge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.monitoring.drift.ColumnDrift;
import dev.mlforge.monitoring.drift.DataQualityIssue;
import dev.mlforge.monitoring.drift.DriftReport;

/** The JSON form of a drift report; NaN (not computed) becomes null. */
final class DriftJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DriftJson() {
    }

    static String render(DriftReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("dataset_drift", report.datasetDrift());
        root.put("drift_share", report.driftShare());
        root.put("drift_share_threshold", report.driftShareThreshold());
        root.put("drifted_columns", report.driftedColumns());
        root.put("reference_rows", report.referenceRows());
        root.put("current_rows", report.currentRows());
        ArrayNode columns = root.putArray("columns");
        for (ColumnDrift column : report.columns()) {
            ObjectNode node = columns.addObject();
            node.put("name", column.name());
            node.put("type", column.type().label());
            if (column.method() == null) {
                node.putNull("method");
            } else {
                node.put("method", column.method().id());
            }
            putNumber(node, "statistic", column.statistic());
            putNumber(node, "p_value", column.pValue());
            putNumber(node, "threshold", column.threshold());
            node.put("drifted", column.drifted());
            node.put("missing_reference", column.missingReference());
            node.put("missing_current", column.missingCurrent());
            node.put("reference_count", column.referenceCount());
            node.put("current_count", column.currentCount());
            if (column.error() != null) {
                node.put("error", column.error());
            }
        }
        ArrayNode quality = root.putArray("data_quality");
        for (DataQualityIssue issue : report.dataQuality()) {
            ObjectNode node = quality.addObject();
            node.put("column", issue.column());
            node.put("check", issue.check().label());
            node.put("message", issue.message());
        }
        try {
            return MAPPER.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the drift report as JSON", e);
        }
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
