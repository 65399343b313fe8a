package dev.mlforge.pipelines;

import dev.mlforge.api.pipelines.DriftRetrainTrigger;
import dev.mlforge.api.pipelines.DriftRetrainTriggerResponse;
import dev.mlforge.api.pipelines.GetPipelineRunResponse;
import dev.mlforge.api.pipelines.ListDriftRetrainTriggersResponse;
import dev.mlforge.api.pipelines.ListPipelineRunsResponse;
import dev.mlforge.api.pipelines.ListPipelineSchedulesResponse;
import dev.mlforge.api.pipelines.PipelineRun;
import dev.mlforge.api.pipelines.PipelineSchedule;
import dev.mlforge.api.pipelines.PipelineScheduleResponse;
import dev.mlforge.api.pipelines.PipelineStep;
import dev.mlforge.api.pipelines.StepOutput;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the pipelines feature's domain records into the api-model records {@code /api/v1/pipelines} answers with.
 * Times are ISO-8601 text; a step's outputs are read back from the JSON the run store keeps them in.
 */
final class PipelineWire {
    private PipelineWire() {}

    static GetPipelineRunResponse runResponse(PipelineRunRecord run) {
        return new GetPipelineRunResponse(run(run));
    }

    static ListPipelineRunsResponse runs(List<PipelineRunRecord> runs) {
        return new ListPipelineRunsResponse(runs.stream().map(PipelineWire::run).toList());
    }

    static PipelineScheduleResponse scheduleResponse(ScheduledPipeline schedule) {
        return new PipelineScheduleResponse(schedule(schedule));
    }

    static ListPipelineSchedulesResponse schedules(List<ScheduledPipeline> schedules) {
        return new ListPipelineSchedulesResponse(schedules.stream().map(PipelineWire::schedule).toList());
    }

    static DriftRetrainTriggerResponse triggerResponse(RetrainTrigger trigger) {
        return new DriftRetrainTriggerResponse(trigger(trigger));
    }

    static ListDriftRetrainTriggersResponse triggers(List<RetrainTrigger> triggers) {
        return new ListDriftRetrainTriggersResponse(triggers.stream().map(PipelineWire::trigger).toList());
    }

    static PipelineRun run(PipelineRunRecord run) {
        return new PipelineRun(run.runId(), run.pipelineName(), run.status().name(), run.trigger(), run.params(),
                run.trackingRunId(), run.message(), text(run.startedAt()), text(run.endedAt()),
                run.steps().stream().map(PipelineWire::step).toList());
    }

    private static PipelineStep step(StepRecord step) {
        Map<String, StepOutput> outputs = step.outputsJson() == null ? null : outputs(JdbiStepCache.outputs(step.outputsJson()));
        return new PipelineStep(step.step(), step.state().name(), step.attempts(), step.cached(), step.cacheKey(),
                step.trackingRunId(), step.message(), outputs, text(step.updatedAt()));
    }

    private static Map<String, StepOutput> outputs(Map<String, StepValue> values) {
        Map<String, StepOutput> outputs = new LinkedHashMap<>();
        values.forEach((name, value) -> outputs.put(name, value instanceof StepValue.FileValue file
                ? new StepOutput("file", file.path(), null, file.digest())
                : new StepOutput("value", null, ((StepValue.JsonValue) value).value(), value.digest())));
        return outputs;
    }

    private static PipelineSchedule schedule(ScheduledPipeline schedule) {
        return new PipelineSchedule(schedule.name(), schedule.cron(), schedule.definition(), schedule.params(),
                schedule.enabled(), text(schedule.nextFireAt()), schedule.lastFiredBy(), text(schedule.lastFiredAt()));
    }

    private static DriftRetrainTrigger trigger(RetrainTrigger trigger) {
        return new DriftRetrainTrigger(trigger.deployment(), trigger.definition(), trigger.params(), text(trigger.createdAt()));
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }
}
