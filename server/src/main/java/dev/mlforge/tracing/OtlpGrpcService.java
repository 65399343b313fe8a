package dev.mlforge.tracing;

import dev.mlforge.grpc.GrpcRequestHeaders;
import dev.mlforge.grpc.GrpcService;
import dev.mlforge.grpc.HttpTwin;
import dev.mlforge.grpc.GrpcStatuses;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.Map;

/**
 * OTLP/gRPC span export (the OpenTelemetry collector's {@code TraceService/Export}), which MLflow's server does not
 * offer: the same ingest as {@code POST /v1/traces}, the experiment in metadata {@code x-mlflow-experiment-id}, so an
 * OpenTelemetry SDK's gRPC exporter sends to mlforge without a collector in between.
 */
final class OtlpGrpcService extends TraceServiceGrpc.TraceServiceImplBase {
    private final TracingService service;

    private OtlpGrpcService(TracingService service) {
        this.service = service;
    }

    /** The service with its role: exporting spans writes, as {@code POST /v1/traces} does. */
    static GrpcService of(TracingService service) {
        return new GrpcService(new OtlpGrpcService(service), Map.of(TraceServiceGrpc.SERVICE_NAME + "/Export", Role.WRITE),
                Map.of(TraceServiceGrpc.SERVICE_NAME + "/Export", message -> new HttpTwin("POST", "/v1/traces", Map.of())));
    }

    @Override
    public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> answer) {
        try {
            String experimentId = GrpcRequestHeaders.current().apply(OtlpRoutes.EXPERIMENT_HEADER);
            if (experimentId == null || experimentId.isBlank()) {
                throw MlforgeException.invalidParameter("Missing metadata '" + OtlpRoutes.EXPERIMENT_HEADER
                        + "': the experiment to log the spans to");
            }
            service.logSpans(experimentId.trim(), OtlpSpans.fromRequest(request));
        } catch (MlforgeException e) {
            answer.onError(GrpcStatuses.of(e).asRuntimeException());
            return;
        }
        answer.onNext(ExportTraceServiceResponse.getDefaultInstance());
        answer.onCompleted();
    }
}
