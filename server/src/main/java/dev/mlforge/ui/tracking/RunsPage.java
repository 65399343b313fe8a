package dev.mlforge.ui.tracking;

import dev.mlforge.ui.Frame;
import java.util.List;

/**
 * The runs table of one experiment: the search typed (MLflow's grammar), the sort, the columns chosen, one page of
 * runs (children placed under their parent when both are on the page), and the links to the first and next pages.
 * The column chooser lists the page's keys without scripts; its script pages through every key of the experiment.
 */
public record RunsPage(Frame frame, String experimentId, String experimentName, String filter, String orderBy,
        String error, List<Column> columns, List<Row> rows, List<ColumnKey> chooser, String firstHref,
        String nextHref, int shown) {

    /** A column of the table: its header, the MLflow order_by key that sorts it, and the link that sorts it. */
    public record Column(String kind, String key, String header, String sortHref, String ariaSort, boolean numeric) {}

    /** One run as a row; {@code depth} 1 for a child run placed under its parent. */
    public record Row(String id, String name, String status, String started, String startedText, String duration,
            String user, int depth, String parentId, List<String> values) {}

    /** A key offered in the column chooser without scripts, and whether it is shown. */
    public record ColumnKey(String kind, String key, String value, boolean chosen) {}
}
