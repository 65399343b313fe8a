package dev.mlforge.ui.tracking;

import dev.mlforge.ui.Frame;
import java.util.List;

/** The experiments list: one row per experiment, the filter typed, and the link to the next page (null on the last). */
public record ExperimentsPage(Frame frame, String filter, List<Row> rows, String nextHref) {
    /** One experiment as listed. */
    public record Row(String id, String name, String created, String createdText, String updated, String updatedText,
            String artifactLocation) {}
}
