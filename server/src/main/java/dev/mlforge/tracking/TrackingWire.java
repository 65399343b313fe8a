package dev.mlforge.tracking;

import dev.mlforge.api.tracking.ExperimentTag;
import dev.mlforge.api.tracking.InputTag;
import dev.mlforge.api.tracking.ModelInput;
import dev.mlforge.api.tracking.ModelOutput;
import dev.mlforge.api.tracking.RunOutputs;
import dev.mlforge.api.tracking.RunData;
import dev.mlforge.api.tracking.RunInputs;
import dev.mlforge.api.tracking.RunTag;
import java.util.List;

/**
 * Turns domain records into MLflow's wire records. Empty lists become null (omitted), as MLflow's
 * protobuf JSON omits empty repeated fields.
 */
final class TrackingWire {
    private TrackingWire() {}

    static dev.mlforge.api.tracking.Experiment experiment(ExperimentEntity experiment) {
        return new dev.mlforge.api.tracking.Experiment(experiment.experimentId(), experiment.name(),
                experiment.artifactLocation(), experiment.lifecycleStage().wireName(), experiment.lastUpdateTime(),
                experiment.creationTime(), orNull(experiment.tags().stream().map(t -> new ExperimentTag(t.key(), t.value())).toList()));
    }

    /** A run as {@code runs/get} answers it: with its model inputs and its (possibly empty) outputs. */
    static dev.mlforge.api.tracking.Run run(RunEntity run, List<String> modelInputs, List<LoggedModelOutput> modelOutputs) {
        dev.mlforge.api.tracking.Run plain = run(run);
        RunInputs inputs = new RunInputs(plain.inputs().datasetInputs(),
                orNull(modelInputs.stream().map(ModelInput::new).toList()));
        RunOutputs outputs = new RunOutputs(orNull(modelOutputs.stream()
                .map(output -> new ModelOutput(output.modelId(), output.step())).toList()));
        return new dev.mlforge.api.tracking.Run(plain.info(), plain.data(), inputs, outputs);
    }

    static dev.mlforge.api.tracking.Run run(RunEntity run) {
        RunData data = new RunData(orNull(run.metrics().stream().map(TrackingWire::metric).toList()),
                orNull(run.params().stream().map(p -> new dev.mlforge.api.tracking.Param(p.key(), p.value())).toList()),
                orNull(run.tags().stream().map(t -> new RunTag(t.key(), t.value())).toList()));
        RunInputs inputs = new RunInputs(orNull(run.inputs().stream().map(TrackingWire::datasetInput).toList()));
        return new dev.mlforge.api.tracking.Run(runInfo(run.info()), data, inputs);
    }

    static dev.mlforge.api.tracking.RunInfo runInfo(RunInfoEntity info) {
        return new dev.mlforge.api.tracking.RunInfo(info.runId(), info.runId(), info.runName(), info.experimentId(),
                info.userId(), info.status().name(), info.startTime(), info.endTime(), info.artifactUri(),
                info.lifecycleStage().wireName());
    }

    static dev.mlforge.api.tracking.Metric metric(MetricEntity metric) {
        return new dev.mlforge.api.tracking.Metric(metric.key(), metric.value(), metric.timestamp(), metric.step());
    }

    static dev.mlforge.api.tracking.MetricWithRunId metric(RunMetric metric) {
        MetricEntity value = metric.metric();
        return new dev.mlforge.api.tracking.MetricWithRunId(value.key(), value.value(), value.timestamp(), value.step(),
                metric.runId());
    }

    private static dev.mlforge.api.tracking.DatasetInput datasetInput(DatasetInputEntity input) {
        DatasetEntity dataset = input.dataset();
        return new dev.mlforge.api.tracking.DatasetInput(
                orNull(input.tags().stream().map(t -> new InputTag(t.key(), t.value())).toList()),
                new dev.mlforge.api.tracking.Dataset(dataset.name(), dataset.digest(), dataset.sourceType(),
                        dataset.source(), dataset.schema(), dataset.profile()));
    }

    static <T> List<T> orNull(List<T> values) {
        return values == null || values.isEmpty() ? null : values;
    }
}
