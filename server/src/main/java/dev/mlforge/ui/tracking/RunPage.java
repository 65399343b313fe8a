package dev.mlforge.ui.tracking;

import dev.mlforge.ui.Frame;
import java.util.List;

/**
 * One run: its attributes, params, metrics (last, min and max, and the histories charted), tags, datasets and
 * logged models; the artifacts are listed by the page's script from the REST API.
 *
 * @param chartJson {@code {"metric key": [[step, value], ...]}} for the first metrics, written by the JSON mapper
 */
public record RunPage(Frame frame, String runId, String runName, String experimentId, String experimentName, String status,
        String user, String startedText, String endedText, String duration, String artifactUri, String parentId,
        List<Entry> params, List<MetricRow> metrics, List<Entry> tags, List<Entry> systemTags, List<DatasetRow> datasets,
        List<ModelRow> models, String chartJson, List<String> chartKeys) {

    /** A key and its value. */
    public record Entry(String key, String value) {}

    /** A metric: its latest value and step, and min and max over its history (blank beyond the keys summarised). */
    public record MetricRow(String key, String last, String step, String min, String max, String points) {}

    /** A dataset the run used. */
    public record DatasetRow(String name, String digest, String sourceType, String source, String context) {}

    /** A model the run logged. */
    public record ModelRow(String id, String name, String step, String artifactPath) {}
}
