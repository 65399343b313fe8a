package dev.mlforge.ui.tracking;

import dev.mlforge.ui.Frame;
import java.util.List;

/**
 * The comparison of runs: a table of attributes, params and metrics (keys as rows, or runs as rows when
 * transposed; only the differing rows in diff-only mode; each metric's last value, min, max or value at a chosen step)
 * and the data the charts draw (overlaid histories, scatter, parallel coordinates, box plots).
 *
 * @param dataJson {@code {"runs":[{"id","name","params":{},"metrics":{}}], "histories":{"key":{"run id":[[step,value]]}}}},
 *     the histories of the charted metric only, sampled by the database (the others come from /ui/compare/history)
 */
public record ComparePage(Frame frame, String experimentId, String experimentName, List<RunHead> runs, List<String> heads,
        List<Line> lines, String value, String step, boolean diffOnly, boolean transposed, String diffHref,
        String transposeHref, List<Mode> modes, String runIdsJoined, String dataJson, List<String> metricKeys,
        List<String> paramKeys) {

    /** This page with its links to the other views of the same runs. */
    public ComparePage withLinks(String diffHref, String transposeHref, List<Mode> modes) {
        return new ComparePage(frame, experimentId, experimentName, runs, heads, lines, value, step, diffOnly, transposed,
                diffHref, transposeHref, modes, runIdsJoined, dataJson, metricKeys, paramKeys);
    }

    /** A compared run. */
    public record RunHead(String id, String name, String status) {}

    /** A row of the table: its section (attributes, params, metrics, or a run when transposed), its head and link. */
    public record Line(String section, String head, String href, List<String> cells, boolean same) {}

    /** A choice of the metric value shown, with its link and whether it is the current one. */
    public record Mode(String label, String href, boolean current) {}
}
