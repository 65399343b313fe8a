package dev.mlforge.tracing;

import dev.mlforge.grpc.GrpcService;
import dev.mlforge.http.Feature;
import dev.mlforge.http.Routes;
import dev.mlforge.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;

/** The tracing feature assembled from its parts: MLflow 3 traces, spans (OTLP ingest over HTTP and gRPC) and assessments, and their routes. */
public final class Tracing implements Feature {
    private final TracingService service;
    private final RandomGenerator ids;
    private final Clock clock;

    /** @param ids the source of trace and assessment ids */
    public Tracing(Database database, TraceExperiments experiments, Clock clock, RandomGenerator ids) {
        this.service = new TracingService(new JdbiTraceStore(database), experiments, clock, ids);
        this.ids = ids;
        this.clock = clock;
    }

    public TracingService service() {
        return service;
    }

    /** OTLP/gRPC span export, hosted by the application's gRPC server. */
    public GrpcService grpcService() {
        return OtlpGrpcService.of(service);
    }

    @Override
    public void close() {
        service.close();
    }

    @Override
    public List<Routes> routes() {
        return List.of(new TraceRoutes(service), new TraceV2Routes(service, ids, clock), new OtlpRoutes(service));
    }
}
