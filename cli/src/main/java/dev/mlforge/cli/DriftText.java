package dev.mlforge.cli;

import dev.mlforge.monitoring.drift.ColumnDrift;
import dev.mlforge.monitoring.drift.DataQualityIssue;
import dev.mlforge.monitoring.drift.DriftReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The plain-text form of a drift report: a summary line, an aligned table and the data-quality findings. */
final class DriftText {
    private static final String[] HEADER = {"column", "type", "method", "statistic", "p-value", "threshold", "drift",
        "missing ref", "missing cur"};

    private DriftText() {
    }

    static String render(DriftReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Dataset drift: %s (%d of %d tested columns drifted, share %.3f, "
                + "threshold %.3f)%n", report.datasetDrift() ? "DETECTED" : "not detected", report.driftedColumns(),
                report.columns().stream().filter(ColumnDrift::tested).count(), report.driftShare(),
                report.driftShareThreshold()));
        out.append(String.format(Locale.ROOT, "Reference rows: %d, current rows: %d%n%n", report.referenceRows(),
                report.currentRows()));
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ColumnDrift column : report.columns()) {
            rows.add(new String[] {column.name(), column.type().label(),
                column.method() == null ? "-" : column.method().id(), number(column.statistic()),
                number(column.pValue()), number(column.threshold()),
                column.error() != null ? "error" : column.drifted() ? "DRIFT" : "no",
                percent(column.missingReference()), percent(column.missingCurrent())});
        }
        appendTable(out, rows);
        for (ColumnDrift column : report.columns()) {
            if (column.error() != null) {
                out.append(String.format("%n%s: %s", column.name(), column.error()));
            }
        }
        if (!report.dataQuality().isEmpty()) {
            out.append(String.format("%nData quality:%n"));
            for (DataQualityIssue issue : report.dataQuality()) {
                out.append(String.format("  %s [%s] %s%n", issue.column(), issue.check().label(), issue.message()));
            }
        }
        return out.toString();
    }

    private static void appendTable(StringBuilder out, List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean numeric = i >= 3 && i != 6;
                String cell = numeric ? " ".repeat(widths[i] - row[i].length()) + row[i]
                        : row[i] + " ".repeat(widths[i] - row[i].length());
                line.append(cell).append(i + 1 < row.length ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String text = String.format(Locale.ROOT, "%.6g", value);
        int exponent = text.indexOf('e');
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return exponent < 0 ? mantissa : mantissa + text.substring(exponent);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
