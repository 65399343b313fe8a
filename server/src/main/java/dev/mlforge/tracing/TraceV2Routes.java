package dev.mlforge.tracing;

import dev.mlforge.api.tracing.SearchTracesV2Response;
import dev.mlforge.api.tracing.TraceInfoV2;
import dev.mlforge.api.tracing.TraceInfoV2Response;
import dev.mlforge.api.tracing.TraceInfoV3;
import dev.mlforge.api.tracing.TraceLocation;
import dev.mlforge.api.tracing.TraceV2Request;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlflowRequest;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import dev.mlforge.search.ResultPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import static dev.mlforge.http.MlflowRequest.required;

/**
 * MLflow 2's trace endpoints under {@code /api/2.0/mlflow/traces}, which 2.x clients (and 3.x clients facing an older
 * server) use: StartTrace, EndTrace, GetTraceInfo and SearchTraces, over the same stored traces.
 */
final class TraceV2Routes implements Routes {
    private static final List<String> PREFIXES = List.of("/api/2.0/mlflow/traces", "/ajax-api/2.0/mlflow/traces");

    private final TracingService service;
    private final RandomGenerator ids;
    private final Clock clock;

    TraceV2Routes(TracingService service, RandomGenerator ids, Clock clock) {
        this.service = service;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        for (String prefix : PREFIXES) {
            routes.post(prefix, this::start, Role.WRITE);
            routes.get(prefix, this::search, Role.READ);
            routes.patch(prefix + "/{request_id}", this::end, Role.WRITE);
            routes.get(prefix + "/{request_id}/info", ctx -> ctx.json(new TraceInfoV2Response(
                    v2(service.getTraceInfo(ctx.pathParam("request_id"))))), Role.READ);
        }
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag tracing = ApiDoc.tag("MLflow tracing");
        String base = PREFIXES.get(0);
        return List.of(
                tracing.post(base, "Start a trace (MLflow 2)").request(TraceV2Request.class)
                        .response(TraceInfoV2Response.class),
                tracing.get(base, "Search traces (MLflow 2)")
                        .query("experiment_ids", "an experiment's id, repeated for more")
                        .query("filter", "a search filter")
                        .query("max_results", "the most traces in one page")
                        .query("order_by", "a sort key, repeated for more")
                        .query("page_token", "the next_page_token of the previous page")
                        .response(SearchTracesV2Response.class),
                tracing.patch(base + "/{request_id}", "End a trace (MLflow 2)").request(TraceV2Request.class)
                        .response(TraceInfoV2Response.class),
                tracing.get(base + "/{request_id}/info", "Get a trace's info (MLflow 2)")
                        .response(TraceInfoV2Response.class));
    }

    private void start(Context ctx) {
        TraceV2Request request = MlflowRequest.read(ctx, TraceV2Request.class);
        byte[] bytes = new byte[16];
        ids.nextBytes(bytes);
        String traceId = "tr-" + HexFormat.of().formatHex(bytes);
        long start = request.timestampMs() == null ? clock.millis() : request.timestampMs();
        TraceInfoEntity info = service.startTrace(new TraceInfoV3(traceId, null,
                TraceLocation.experiment(required(request.experimentId(), "experiment_id")), TraceTimes.timestamp(start), null,
                "IN_PROGRESS", entries(request.requestMetadata()), null, entries(request.tags()), null, null));
        ctx.json(new TraceInfoV2Response(v2(info)));
    }

    private void end(Context ctx) {
        TraceV2Request request = MlflowRequest.read(ctx, TraceV2Request.class);
        TraceInfoEntity current = service.getTraceInfo(ctx.pathParam("request_id"));
        Map<String, String> metadata = new LinkedHashMap<>(current.metadata());
        metadata.putAll(entries(request.requestMetadata()));
        Map<String, String> tags = new LinkedHashMap<>(current.tags());
        tags.putAll(entries(request.tags()));
        long end = required(request.timestampMs(), "timestamp_ms");
        TraceInfoEntity info = service.startTrace(new TraceInfoV3(current.traceId(), current.clientRequestId(),
                TraceLocation.experiment(current.experimentId()), TraceTimes.timestamp(current.requestTime()),
                TraceTimes.duration(end - current.requestTime()), request.status() == null ? current.state() : request.status(),
                metadata, null, tags, current.requestPreview(), current.responsePreview()));
        ctx.json(new TraceInfoV2Response(v2(info)));
    }

    private void search(Context ctx) {
        TraceV2Request request = MlflowRequest.read(ctx, TraceV2Request.class);
        ResultPage<TraceInfoEntity> page = service.search(request.experimentIds(), request.filter(), request.maxResults(),
                request.orderBy(), request.pageToken());
        ctx.json(new SearchTracesV2Response(page.items().stream().map(TraceV2Routes::v2).toList(), page.nextPageToken()));
    }

    static TraceInfoV2 v2(TraceInfoEntity info) {
        return new TraceInfoV2(info.traceId(), info.experimentId(), info.requestTime(), info.executionDuration(),
                info.state().equals("STATE_UNSPECIFIED") ? "TRACE_STATUS_UNSPECIFIED" : info.state(),
                info.metadata().entrySet().stream().map(e -> new TraceInfoV2.Entry(e.getKey(), e.getValue())).toList(),
                info.tags().entrySet().stream().map(e -> new TraceInfoV2.Entry(e.getKey(), e.getValue())).toList());
    }

    private static Map<String, String> entries(List<TraceInfoV2.Entry> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        if (entries != null) {
            entries.forEach(entry -> map.put(required(entry.key(), "key"), entry.value()));
        }
        return map;
    }
}
