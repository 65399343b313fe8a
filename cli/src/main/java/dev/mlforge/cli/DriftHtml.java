package dev.mlforge.cli;

import dev.mlforge.monitoring.drift.ColumnDrift;
import dev.mlforge.monitoring.drift.DataQualityIssue;
import dev.mlforge.monitoring.drift.DriftReport;
import java.util.Locale;

/** A self-contained HTML drift report: inline CSS, one inline SVG histogram per column, no network access. */
final class DriftHtml {
    private static final String CSS = """
            body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#1f2933;background:#f5f7fa}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:0}
            .sub{color:#52606d;margin-bottom:16px}
            .cards{display:flex;gap:12px;margin:16px 0}
            .card{background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 3px rgba(0,0,0,.12);min-width:150px}
            .card .v{font-size:22px;font-weight:600}.card .k{color:#52606d;font-size:12px;text-transform:uppercase}
            .drift{color:#c0392b}.ok{color:#1e8449}.err{color:#7b8794}
            table{border-collapse:collapse;background:#fff;box-shadow:0 1px 3px rgba(0,0,0,.12);margin-bottom:20px}
            th,td{padding:6px 12px;border-bottom:1px solid #e4e7eb;text-align:left;font-size:14px}
            th{background:#e4e7eb}td.n{text-align:right;font-variant-numeric:tabular-nums}
            .col{background:#fff;border-radius:8px;padding:14px 18px;margin:14px 0;box-shadow:0 1px 3px rgba(0,0,0,.12)}
            .col .meta{color:#52606d;font-size:14px;margin:6px 0 8px}
            .badge{display:inline-block;padding:2px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;margin-left:8px}
            .badge.drift{background:#c0392b}.badge.ok{background:#1e8449}.badge.err{background:#7b8794}
            ul.q{background:#fff;padding:12px 32px;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
            """;
    private static final String REFERENCE_COLOR = "#4a6fa5";
    private static final String CURRENT_COLOR = "#e67e22";

    private DriftHtml() {
    }

    static String render(DriftReport report, String referenceName, String currentName) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Drift report</title><style>")
                .append(CSS).append("</style></head><body>");
        html.append("<h1>Data drift report</h1><div class=\"sub\">Reference <b>").append(escape(referenceName))
                .append("</b> (").append(report.referenceRows()).append(" rows) vs current <b>")
                .append(escape(currentName)).append("</b> (").append(report.currentRows()).append(" rows)</div>");
        long tested = report.columns().stream().filter(ColumnDrift::tested).count();
        html.append("<div class=\"cards\">")
                .append(card("Dataset drift", report.datasetDrift() ? "Detected" : "Not detected",
                        report.datasetDrift() ? "drift" : "ok"))
                .append(card("Drifted columns", report.driftedColumns() + " / " + tested, ""))
                .append(card("Drift share", format("%.3f", report.driftShare()) + " (≥ "
                        + format("%.2f", report.driftShareThreshold()) + ")", ""))
                .append(card("Data quality findings", String.valueOf(report.dataQuality().size()), ""))
                .append("</div>");
        summaryTable(html, report);
        if (!report.dataQuality().isEmpty()) {
            html.append("<h2>Data quality</h2><ul class=\"q\">");
            for (DataQualityIssue issue : report.dataQuality()) {
                html.append("<li><b>").append(escape(issue.column())).append("</b> [")
                        .append(issue.check().label()).append("] ").append(escape(issue.message())).append("</li>");
            }
            html.append("</ul>");
        }
        html.append("<h2>Columns</h2>");
        for (ColumnDrift column : report.columns()) {
            columnSection(html, column);
        }
        return html.append("</body></html>\n").toString();
    }

    private static void summaryTable(StringBuilder html, DriftReport report) {
        html.append("<table><tr><th>Column</th><th>Type</th><th>Method</th><th>Statistic</th><th>p-value</th>")
                .append("<th>Threshold</th><th>Verdict</th><th>Missing ref</th><th>Missing cur</th></tr>");
        for (ColumnDrift column : report.columns()) {
            html.append("<tr><td>").append(escape(column.name())).append("</td><td>").append(column.type().label())
                    .append("</td><td>").append(column.method() == null ? "-" : column.method().id())
                    .append("</td><td class=\"n\">").append(DriftText.number(column.statistic()))
                    .append("</td><td class=\"n\">").append(DriftText.number(column.pValue()))
                    .append("</td><td class=\"n\">").append(DriftText.number(column.threshold()))
                    .append("</td><td class=\"").append(verdictClass(column)).append("\">")
                    .append(verdict(column)).append("</td><td class=\"n\">")
                    .append(DriftText.percent(column.missingReference())).append("</td><td class=\"n\">")
                    .append(DriftText.percent(column.missingCurrent())).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void columnSection(StringBuilder html, ColumnDrift column) {
        html.append("<div class=\"col\"><h2>").append(escape(column.name())).append("<span class=\"badge ")
                .append(verdictClass(column)).append("\">").append(verdict(column)).append("</span></h2>");
        html.append("<div class=\"meta\">").append(column.type().label()).append(" · ");
        if (column.error() != null) {
            html.append(escape(column.error()));
        } else {
            html.append(column.method().id()).append(column.method().pValueTest()
                    ? " p-value " + DriftText.number(column.pValue()) + " (statistic "
                    + DriftText.number(column.statistic()) + ")"
                    : " distance " + DriftText.number(column.statistic()));
            html.append(", threshold ").append(DriftText.number(column.threshold()));
        }
        html.append(" · ").append(column.referenceCount()).append(" reference and ").append(column.currentCount())
                .append(" current values</div>");
        html.append(SvgHistogram.render(column.histogram(), REFERENCE_COLOR, CURRENT_COLOR)).append("</div>");
    }

    private static String card(String key, String value, String cssClass) {
        return "<div class=\"card\"><div class=\"k\">" + escape(key) + "</div><div class=\"v " + cssClass + "\">"
                + escape(value) + "</div></div>";
    }

    private static String verdict(ColumnDrift column) {
        return column.error() != null ? "Not tested" : column.drifted() ? "Drift" : "No drift";
    }

    private static String verdictClass(ColumnDrift column) {
        return column.error() != null ? "err" : column.drifted() ? "drift" : "ok";
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
