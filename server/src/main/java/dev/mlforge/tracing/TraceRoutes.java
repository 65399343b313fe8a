package dev.mlforge.tracing;

import dev.mlforge.api.EmptyResponse;
import dev.mlforge.api.tracing.AssessmentRequest;
import dev.mlforge.api.tracing.AssessmentResponse;
import dev.mlforge.api.tracing.BatchGetTraceInfosResponse;
import dev.mlforge.api.tracing.BatchGetTracesResponse;
import dev.mlforge.api.tracing.DeleteTracesRequest;
import dev.mlforge.api.tracing.DeleteTracesResponse;
import dev.mlforge.api.tracing.LinkPromptsToTraceRequest;
import dev.mlforge.api.tracing.LinkTracesToRunRequest;
import dev.mlforge.api.tracing.SearchTracesV3Request;
import dev.mlforge.api.tracing.SearchTracesV3Response;
import dev.mlforge.api.tracing.StartTraceV3Request;
import dev.mlforge.api.tracing.Trace;
import dev.mlforge.api.tracing.TraceIdRequest;
import dev.mlforge.api.tracing.TraceLocation;
import dev.mlforge.api.tracing.TraceResponse;
import dev.mlforge.api.tracing.TraceTagRequest;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlflowRequest;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import dev.mlforge.search.ResultPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;

import static dev.mlforge.http.MlflowRequest.required;

/**
 * MLflow 3's trace endpoints under {@code /api/3.0/mlflow/traces} (and {@code /ajax-api/3.0/}), with the tag and
 * delete routes the 3.x client calls under {@code /api/2.0/}, and the link routes MLflow serves under {@code /api/2.0/}
 * only: request in, service call, wire record out.
 */
final class TraceRoutes implements Routes {
    private static final List<String> V3 = List.of("/api/3.0/mlflow/traces", "/ajax-api/3.0/mlflow/traces");
    private static final List<String> BOTH = List.of("/api/3.0/mlflow/traces", "/ajax-api/3.0/mlflow/traces",
            "/api/2.0/mlflow/traces", "/ajax-api/2.0/mlflow/traces");
    private static final List<String> V2 = List.of("/api/2.0/mlflow/traces", "/ajax-api/2.0/mlflow/traces");
    private static final EmptyResponse EMPTY = EmptyResponse.INSTANCE;

    private final TracingService service;

    TraceRoutes(TracingService service) {
        this.service = service;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        for (String prefix : V3) {
            routes.post(prefix, ctx -> {
                StartTraceV3Request request = MlflowRequest.read(ctx, StartTraceV3Request.class);
                required(request.trace(), "trace");
                required(request.trace().traceInfo(), "trace.trace_info");
                ctx.json(new TraceResponse(new Trace(TraceWire.info(service.startTrace(request.trace().traceInfo())), null)));
            }, Role.WRITE);
            routes.get(prefix + "/get", ctx -> {
                TraceIdRequest request = MlflowRequest.read(ctx, TraceIdRequest.class);
                TracingService.TraceWithSpans trace = service.getTrace(required(request.traceId(), "trace_id"),
                        Boolean.TRUE.equals(request.allowPartial()));
                ctx.json(new TraceResponse(TraceWire.trace(trace.info(), trace.spans())));
            }, Role.READ);
            routes.get(prefix + "/batchGet", ctx -> {
                TraceIdRequest request = MlflowRequest.read(ctx, TraceIdRequest.class);
                ctx.json(new BatchGetTracesResponse(service.batchGet(request.traceIds()).stream()
                        .map(trace -> TraceWire.trace(trace.info(), trace.spans())).toList()));
            }, Role.READ);
            routes.post(prefix + "/batchGetInfos", ctx -> {
                TraceIdRequest request = MlflowRequest.read(ctx, TraceIdRequest.class);
                ctx.json(new BatchGetTraceInfosResponse(service.batchGet(request.traceIds()).stream()
                        .map(trace -> TraceWire.info(trace.info())).toList()));
            }, Role.READ);
            routes.post(prefix + "/search", this::search, Role.READ);
            routes.get(prefix + "/{trace_id}", ctx -> ctx.json(new TraceResponse(new Trace(
                    TraceWire.info(service.getTraceInfo(ctx.pathParam("trace_id"))), null))), Role.READ);
            routes.post(prefix + "/{trace_id}/assessments", ctx -> {
                AssessmentRequest request = MlflowRequest.read(ctx, AssessmentRequest.class);
                ctx.json(new AssessmentResponse(service.createAssessment(ctx.pathParam("trace_id"), request.assessment())));
            }, Role.WRITE);
            routes.get(prefix + "/{trace_id}/assessments/{assessment_id}", ctx -> ctx.json(new AssessmentResponse(
                    service.getAssessment(ctx.pathParam("trace_id"), ctx.pathParam("assessment_id")))), Role.READ);
            routes.patch(prefix + "/{trace_id}/assessments/{assessment_id}", ctx -> {
                AssessmentRequest request = MlflowRequest.read(ctx, AssessmentRequest.class);
                ctx.json(new AssessmentResponse(service.updateAssessment(ctx.pathParam("trace_id"),
                        ctx.pathParam("assessment_id"), request.assessment(), request.updateMask())));
            }, Role.WRITE);
            routes.delete(prefix + "/{trace_id}/assessments/{assessment_id}", ctx -> {
                service.deleteAssessment(ctx.pathParam("trace_id"), ctx.pathParam("assessment_id"));
                ctx.json(EMPTY);
            }, Role.WRITE);
        }
        for (String prefix : BOTH) {
            routes.post(prefix + "/delete-traces", ctx -> {
                DeleteTracesRequest request = MlflowRequest.read(ctx, DeleteTracesRequest.class);
                ctx.json(new DeleteTracesResponse(service.deleteTraces(request.experimentId(), request.maxTimestampMillis(),
                        request.maxTraces(), request.requestIds())));
            }, Role.WRITE);
            routes.patch(prefix + "/{trace_id}/tags", ctx -> {
                TraceTagRequest request = MlflowRequest.read(ctx, TraceTagRequest.class);
                service.setTag(ctx.pathParam("trace_id"), request.key(), request.value());
                ctx.json(EMPTY);
            }, Role.WRITE);
            routes.delete(prefix + "/{trace_id}/tags", deleteTag(), Role.WRITE);
        }
        for (String prefix : V2) {
            routes.post(prefix + "/link-to-run", ctx -> {
                LinkTracesToRunRequest request = MlflowRequest.read(ctx, LinkTracesToRunRequest.class);
                service.linkTracesToRun(required(request.traceIds(), "trace_ids"), required(request.runId(), "run_id"));
                ctx.json(EMPTY);
            }, Role.WRITE);
            routes.post(prefix + "/link-prompts", ctx -> {
                LinkPromptsToTraceRequest request = MlflowRequest.read(ctx, LinkPromptsToTraceRequest.class);
                service.linkPromptsToTrace(request.traceId(), request.promptVersions());
                ctx.json(EMPTY);
            }, Role.WRITE);
        }
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag tracing = ApiDoc.tag("MLflow tracing");
        String v3 = V3.get(0);
        String one = v3 + "/{trace_id}";
        String assessment = one + "/assessments/{assessment_id}";
        List<ApiDoc> docs = new java.util.ArrayList<>(List.of(
                tracing.post(v3, "Start a trace (record its info)")
                        .request(StartTraceV3Request.class).response(TraceResponse.class),
                tracing.get(v3 + "/get", "Get a trace with its spans")
                        .requiredQuery("trace_id", "the trace's id")
                        .query("allow_partial", "true to answer a trace whose spans are still arriving")
                        .response(TraceResponse.class),
                tracing.get(v3 + "/batchGet", "Get several traces with their spans")
                        .query("trace_ids", "a trace's id, repeated for more")
                        .response(BatchGetTracesResponse.class),
                tracing.post(v3 + "/batchGetInfos", "Get the infos of several traces")
                        .request(TraceIdRequest.class)
                        .response(BatchGetTraceInfosResponse.class),
                tracing.post(v3 + "/search", "Search traces")
                        .request(SearchTracesV3Request.class).response(SearchTracesV3Response.class),
                tracing.get(one, "Get a trace's info").response(TraceResponse.class),
                tracing.post(one + "/assessments", "Create an assessment of a trace")
                        .request(AssessmentRequest.class).response(AssessmentResponse.class),
                tracing.get(assessment, "Get an assessment").response(AssessmentResponse.class),
                tracing.patch(assessment, "Update an assessment")
                        .request(AssessmentRequest.class).response(AssessmentResponse.class),
                tracing.delete(assessment, "Delete an assessment").response(EmptyResponse.class)));
        for (String prefix : List.of(v3, V2.get(0))) {
            docs.add(tracing.post(prefix + "/delete-traces", "Delete traces")
                    .request(DeleteTracesRequest.class).response(DeleteTracesResponse.class));
            docs.add(tracing.patch(prefix + "/{trace_id}/tags", "Set a tag on a trace")
                    .request(TraceTagRequest.class).response(EmptyResponse.class));
            docs.add(tracing.delete(prefix + "/{trace_id}/tags", "Delete a tag of a trace")
                    .query("key", "the tag's key (else read from a JSON body {\"key\": ...})")
                    .response(EmptyResponse.class));
        }
        docs.add(tracing.post(V2.get(0) + "/link-to-run", "Link traces to a run")
                .request(LinkTracesToRunRequest.class).response(EmptyResponse.class));
        docs.add(tracing.post(V2.get(0) + "/link-prompts", "Link prompt versions to a trace")
                .request(LinkPromptsToTraceRequest.class).response(EmptyResponse.class));
        return docs;
    }

    private void search(Context ctx) {
        SearchTracesV3Request request = MlflowRequest.read(ctx, SearchTracesV3Request.class);
        List<String> experiments = request.locations() == null ? List.of()
                : request.locations().stream().map(TraceLocation::experimentId).toList();
        ResultPage<TraceInfoEntity> page = service.search(experiments, request.filter(), request.maxResults(),
                request.orderBy(), request.pageToken());
        ctx.json(new SearchTracesV3Response(page.items().stream().map(TraceWire::info).toList(), page.nextPageToken()));
    }

    /** MLflow's client sends the key as a JSON body of the DELETE; a query parameter works too. */
    private Handler deleteTag() {
        return ctx -> {
            String key = ctx.queryParam("key");
            if (key == null) {
                key = MlflowRequest.read(ctx, TraceTagRequest.class).key();
            }
            service.deleteTag(ctx.pathParam("trace_id"), key);
            ctx.json(EMPTY);
        };
    }
}
