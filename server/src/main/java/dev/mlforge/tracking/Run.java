package dev.mlforge.tracking;

import java.util.List;

/** A run with its data: the latest value of each metric, its params, tags and dataset inputs. */
public record Run(RunInfo info, List<Metric> metrics, List<Param> params, List<Tag> tags, List<DatasetInput> inputs) {
}
