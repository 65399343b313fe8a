package dev.mlforge.bench.serving;

import dev.mlforge.http.HttpServer;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.events.InProcessEventBus;
import dev.mlforge.serving.DeploymentRecorder;
import dev.mlforge.serving.PredictorProviders;
import dev.mlforge.serving.ResolvedModel;
import dev.mlforge.serving.Serving;
import dev.mlforge.serving.ServingConfig;
import dev.mlforge.serving.TrafficPolicy;
import dev.mlforge.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * mlforge's serving stack as the Application wires it (Javalin server, SQLite store, event bus, Prometheus
 * registry, prediction log), one deployment {@code bench} of the given model file.
 * Usage: {@code MlforgeBenchServer MODEL PORT MAX_BATCH_SIZE MAX_BATCH_DELAY_MS LOG_SAMPLE_RATE}.
 */
public final class MlforgeBenchServer {
    private MlforgeBenchServer() {}

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]).toAbsolutePath();
        Path dataDir = Files.createTempDirectory("mlforge-bench");
        ServingConfig config = ServingConfig.from(ConfigValues.of(Map.of("serving.max-batch-size", args[2],
                "serving.max-batch-delay", args[3], "serving.log-sample-rate", args[4])));
        Database database = Database.open(null, dataDir);
        InProcessEventBus events = new InProcessEventBus();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // The registry's ModelSource is another feature; the bench resolves its one URI to the model file.
        Serving serving = new Serving(database, uri -> new ResolvedModel(uri, "bench", "1", model), config, events,
                DeploymentRecorder.NONE, metrics, Clock.systemUTC(), "bench", () -> true,
                PredictorProviders.discover(MlforgeBenchServer.class.getClassLoader()));
        HttpServer http = new HttpServer("127.0.0.1", Integer.parseInt(args[1]), 16L * 1024 * 1024, serving.routes());
        serving.deployments().create("bench", new TrafficPolicy("models:/bench/1", null, 0, null, null));
        http.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop();
            serving.close();
            database.close();
        }));
        System.out.println("mlforge listening on " + http.port());
    }
}
