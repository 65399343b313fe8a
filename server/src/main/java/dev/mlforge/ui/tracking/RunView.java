package dev.mlforge.ui.tracking;

import dev.mlforge.tracking.DatasetInputEntity;
import dev.mlforge.tracking.ExperimentEntity;
import dev.mlforge.tracking.LoggedModelEntity;
import dev.mlforge.tracking.LoggedModelService;
import dev.mlforge.tracking.MetricEntity;
import dev.mlforge.tracking.RunEntity;
import dev.mlforge.tracking.RunInfoEntity;
import dev.mlforge.tracking.Tag;
import dev.mlforge.ui.Frame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the {@link RunPage} of a run from what tracking answers. */
final class RunView {
    private RunView() {}

    static RunPage of(Frame frame, RunEntity run, ExperimentEntity experiment, Function<String, List<MetricEntity>> history,
            LoggedModelService loggedModels) {
        RunInfoEntity info = run.info();
        List<RunPage.MetricRow> metrics = new ArrayList<>();
        Map<String, List<double[]>> charts = new LinkedHashMap<>();
        List<MetricEntity> latest = run.metrics().stream().sorted(Comparator.comparing(MetricEntity::key)).toList();
        for (MetricEntity metric : latest) {
            if (metrics.size() < TrackingPages.SUMMARISED_METRICS) {
                List<MetricEntity> points = history.apply(metric.key());
                double min = points.stream().mapToDouble(MetricEntity::value).min().orElse(metric.value());
                double max = points.stream().mapToDouble(MetricEntity::value).max().orElse(metric.value());
                metrics.add(new RunPage.MetricRow(metric.key(), Formats.number(metric.value()), Long.toString(metric.step()),
                        Formats.number(min), Formats.number(max), Integer.toString(points.size())));
                if (charts.size() < TrackingPages.CHARTED_METRICS) {
                    charts.put(metric.key(), points.stream().sorted(Comparator.comparingLong(MetricEntity::step)
                            .thenComparingLong(MetricEntity::timestamp)).map(point -> new double[] {point.step(), point.value()}).toList());
                }
            } else {
                metrics.add(new RunPage.MetricRow(metric.key(), Formats.number(metric.value()), Long.toString(metric.step()), "", "", ""));
            }
        }
        List<RunPage.Entry> tags = new ArrayList<>();
        List<RunPage.Entry> systemTags = new ArrayList<>();
        run.tags().stream().sorted(Comparator.comparing(Tag::key)).forEach(tag ->
                (tag.key().startsWith("mlflow.") ? systemTags : tags).add(new RunPage.Entry(tag.key(), tag.value())));
        List<RunPage.DatasetRow> datasets = run.inputs().stream().map(RunView::dataset).toList();
        List<RunPage.ModelRow> models = new ArrayList<>();
        loggedModels.runOutputs(info.runId()).forEach(output -> loggedModels.find(output.modelId()).ifPresent(model ->
                models.add(model(model, output.step()))));
        return new RunPage(frame, info.runId(), info.runName(), experiment.experimentId(), experiment.name(), info.status().name(),
                info.userId(), Formats.shown(info.startTime()), info.endTime() == null ? "" : Formats.shown(info.endTime()),
                Formats.duration(info.startTime(), info.endTime()), info.artifactUri(), RunsTable.parent(run),
                run.params().stream().map(param -> new RunPage.Entry(param.key(), param.value()))
                        .sorted(Comparator.comparing(RunPage.Entry::key)).toList(),
                metrics, tags, systemTags, datasets, models, Links.json(charts), List.copyOf(charts.keySet()));
    }

    private static RunPage.DatasetRow dataset(DatasetInputEntity input) {
        String context = input.tags().stream().filter(tag -> tag.key().equals("mlflow.data.context")).map(Tag::value)
                .findFirst().orElse("");
        return new RunPage.DatasetRow(input.dataset().name(), input.dataset().digest(), input.dataset().sourceType(),
                input.dataset().source(), context);
    }

    private static RunPage.ModelRow model(LoggedModelEntity model, long step) {
        return new RunPage.ModelRow(model.modelId(), model.name(), Long.toString(step), model.artifactLocation());
    }
}
