package dev.mlforge.pipelines;

import dev.mlforge.api.pipelines.CreateDriftRetrainTriggerRequest;
import dev.mlforge.api.pipelines.CreatePipelineScheduleRequest;
import dev.mlforge.api.pipelines.DriftRetrainTriggerResponse;
import dev.mlforge.api.pipelines.EmptyPipelineResponse;
import dev.mlforge.api.pipelines.GetPipelineRunResponse;
import dev.mlforge.api.pipelines.ListDriftRetrainTriggersResponse;
import dev.mlforge.api.pipelines.ListPipelineRunsResponse;
import dev.mlforge.api.pipelines.ListPipelineSchedulesResponse;
import dev.mlforge.api.pipelines.PipelineScheduleResponse;
import dev.mlforge.api.pipelines.SubmitPipelineRunRequest;
import dev.mlforge.api.pipelines.SubmitPipelineRunResponse;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/pipelines}: submit runs (a JSON body {@code {"pipeline": "<yaml>", "params": {...}, "base_dir": "/abs"}},
 * or the YAML itself with {@code Content-Type: application/yaml}, {@code ?param=k=v} and {@code ?base_dir=}; relative
 * paths in the pipeline resolve against {@code base_dir}, and every file stays inside {@code pipelines.base-dir}),
 * list runs, read a run with its steps,
 * manage cron schedules and drift triggers. Bodies are read into the api-model records of
 * {@code dev.mlforge.api.pipelines} by {@link PipelineRequests}; answers are built by {@link PipelineWire}.
 */
public final class PipelineRoutes implements Routes {
    private static final String BASE = "/api/v1/pipelines";

    private final PipelineService service;
    private final PipelineScheduler scheduler;
    private final DriftTrigger driftTrigger;

    public PipelineRoutes(PipelineService service, PipelineScheduler scheduler, DriftTrigger driftTrigger) {
        this.service = service;
        this.scheduler = scheduler;
        this.driftTrigger = driftTrigger;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(BASE + "/runs", this::submit, Role.WRITE);
        routes.get(BASE + "/runs", ctx -> ctx.json(PipelineWire.runs(
                service.runs(ctx.queryParam("pipeline"), limit(ctx.queryParam("limit"))))), Role.READ);
        routes.get(BASE + "/runs/{run_id}", ctx -> ctx.json(PipelineWire.runResponse(service.run(ctx.pathParam("run_id")))),
                Role.READ);
        routes.post(BASE + "/schedules", this::schedule, Role.ADMIN);
        routes.get(BASE + "/schedules", ctx -> ctx.json(PipelineWire.schedules(scheduler.schedules())), Role.READ);
        routes.delete(BASE + "/schedules/{name}", ctx -> {
            scheduler.unschedule(ctx.pathParam("name"));
            ctx.json(new EmptyPipelineResponse());
        }, Role.ADMIN);
        routes.post(BASE + "/triggers", this::registerTrigger, Role.ADMIN);
        routes.get(BASE + "/triggers", ctx -> ctx.json(PipelineWire.triggers(driftTrigger.triggers())), Role.READ);
        routes.delete(BASE + "/triggers/{deployment}", ctx -> {
            driftTrigger.unregister(ctx.pathParam("deployment"));
            ctx.json(new EmptyPipelineResponse());
        }, Role.ADMIN);
    }

    private void submit(Context ctx) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        String yaml;
        String baseDir = ctx.queryParam("base_dir");
        Map<String, String> params = new LinkedHashMap<>();
        if (contentType.contains("yaml")) {
            yaml = ctx.body();
            for (String pair : ctx.queryParams("param")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw MlforgeException.invalidParameter("Query parameter 'param' must be KEY=VALUE, got '" + pair + "'");
                }
                params.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        } else {
            SubmitPipelineRunRequest request = PipelineRequests.read(ctx.body(), SubmitPipelineRunRequest.class);
            yaml = PipelineRequests.required(request.pipeline(), "pipeline");
            params = PipelineRequests.params(request.params());
            if (request.baseDir() != null) {
                baseDir = request.baseDir();
            }
        }
        String trigger = ctx.queryParam("trigger") == null ? "api" : "api:" + ctx.queryParam("trigger");
        String runId = service.submit(yaml, params, trigger, baseDir);
        ctx.status(201).json(new SubmitPipelineRunResponse(runId, PipelineStatus.RUNNING.name()));
    }

    private void schedule(Context ctx) {
        CreatePipelineScheduleRequest request = PipelineRequests.read(ctx.body(), CreatePipelineScheduleRequest.class);
        ScheduledPipeline schedule = scheduler.schedule(PipelineRequests.required(request.name(), "name"),
                PipelineRequests.required(request.cron(), "cron"), PipelineRequests.required(request.pipeline(), "pipeline"),
                PipelineRequests.params(request.params()), request.enabled() == null || request.enabled());
        ctx.status(201).json(PipelineWire.scheduleResponse(schedule));
    }

    private void registerTrigger(Context ctx) {
        CreateDriftRetrainTriggerRequest request = PipelineRequests.read(ctx.body(), CreateDriftRetrainTriggerRequest.class);
        RetrainTrigger trigger = driftTrigger.register(PipelineRequests.required(request.deployment(), "deployment"),
                PipelineRequests.required(request.pipeline(), "pipeline"), PipelineRequests.params(request.params()));
        ctx.status(201).json(PipelineWire.triggerResponse(trigger));
    }

    private static int limit(String raw) {
        if (raw == null) {
            return 100;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw MlforgeException.invalidParameter("limit must be an integer, got '" + raw + "'");
        }
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag pipelines = ApiDoc.tag("Pipelines");
        return List.of(
                pipelines.get(BASE + "/runs", "List pipeline runs, newest first").query("limit", "At most this many.")
                        .response(ListPipelineRunsResponse.class),
                pipelines.post(BASE + "/runs", "Submit a pipeline run").request(SubmitPipelineRunRequest.class)
                        .response(SubmitPipelineRunResponse.class).also(404, ""),
                pipelines.get(BASE + "/runs/{run_id}", "Get a pipeline run with its steps")
                        .response(GetPipelineRunResponse.class),
                pipelines.get(BASE + "/schedules", "List pipeline schedules")
                        .response(ListPipelineSchedulesResponse.class),
                pipelines.post(BASE + "/schedules", "Schedule a pipeline (cron)")
                        .request(CreatePipelineScheduleRequest.class).response(PipelineScheduleResponse.class),
                pipelines.delete(BASE + "/schedules/{name}", "Delete a pipeline schedule")
                        .response(EmptyPipelineResponse.class),
                pipelines.get(BASE + "/triggers", "List drift retrain triggers")
                        .response(ListDriftRetrainTriggersResponse.class),
                pipelines.post(BASE + "/triggers", "Retrain a deployment when drift is detected")
                        .request(CreateDriftRetrainTriggerRequest.class).response(DriftRetrainTriggerResponse.class),
                pipelines.delete(BASE + "/triggers/{deployment}", "Delete a deployment's drift retrain trigger")
                        .response(EmptyPipelineResponse.class));
    }
}
