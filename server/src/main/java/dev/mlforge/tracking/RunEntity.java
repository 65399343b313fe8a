package dev.mlforge.tracking;

import java.util.List;

/** A run with its data: the latest value of each metric, its params, tags and dataset inputs. */
public record RunEntity(RunInfoEntity info, List<MetricEntity> metrics, List<ParamEntity> params, List<Tag> tags, List<DatasetInputEntity> inputs) {
}
