package dev.mlforge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.mlforge.api.monitoring.ColumnDriftOutput;
import dev.mlforge.api.monitoring.DataQualityFinding;
import dev.mlforge.api.monitoring.DriftReportOutput;
import dev.mlforge.http.Json;
import dev.mlforge.monitoring.drift.ColumnDrift;
import dev.mlforge.monitoring.drift.DataQualityIssue;
import dev.mlforge.monitoring.drift.DriftReport;

/** The JSON form of a drift report (api-model's {@link DriftReportOutput}), indented; NaN (not computed) becomes null. */
final class DriftJson {
    private static final ObjectWriter WRITER = Json.mapper().writerWithDefaultPrettyPrinter();

    private DriftJson() {
    }

    static String render(DriftReport report) {
        DriftReportOutput output = new DriftReportOutput(report.datasetDrift(), report.driftShare(),
                report.driftShareThreshold(), report.driftedColumns(), report.referenceRows(), report.currentRows(),
                report.columns().stream().map(DriftJson::column).toList(),
                report.dataQuality().stream().map(DriftJson::finding).toList());
        try {
            return WRITER.writeValueAsString(output) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the drift report as JSON", e);
        }
    }

    private static ColumnDriftOutput column(ColumnDrift column) {
        return new ColumnDriftOutput(column.name(), column.type().label(),
                column.method() == null ? null : column.method().id(), number(column.statistic()),
                number(column.pValue()), number(column.threshold()), column.drifted(), column.missingReference(),
                column.missingCurrent(), column.referenceCount(), column.currentCount(), column.error());
    }

    private static DataQualityFinding finding(DataQualityIssue issue) {
        return new DataQualityFinding(issue.column(), issue.check().label(), issue.message());
    }

    private static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
