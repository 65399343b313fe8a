package dev.mlforge.bench.features;

import com.sun.net.httpserver.HttpServer;
import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import dev.mlforge.http.Json;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The online bench's baseline, in its own process: a bare JDK HttpServer on {@code port} whose
 * {@code /get-online-features} answers the same lookup ({@code OnlineFeatures.answer}: catalog, cache, JSON) from an
 * in-process feature store over {@code dataDir}, without mlforge's HTTP stack (Jetty, the door, audit, routing). It
 * applies {@link FeatureStoreBench#definitions()}, materializes, prints the in-process lookup's latency
 * ({@link InProcessLookups}, 200,000 calls), then serves
 * until stopped; {@code /health} answers 200 once it serves.
 *
 * <pre>java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.features.OnlineBaselineServer DATA_DIR PORT</pre>
 */
public final class OnlineBaselineServer {
    private OnlineBaselineServer() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        ServerConfig config = ServerConfig.from(ConfigValues.of(Map.of("host", "127.0.0.1", "port", "0",
                "grpc-port", "-1", "data-dir", dataDir.toString())));
        Application app = new Application(config).start();
        app.featureStore().catalog().apply(Json.mapper().valueToTree(FeatureStoreBench.definitions()));
        long started = System.nanoTime();
        long rows = app.featureStore().materializer().materialize("stats").rowsWritten();
        System.out.printf("baseline: materialized %,d entities in process in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);
        InProcessLookups.run(app.featureStore().online(), (int) rows, 200_000, "baseline: ");

        // without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACKs
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer bare = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        bare.setExecutor(Executors.newFixedThreadPool(16));
        bare.createContext("/get-online-features", exchange -> {
            byte[] answer = app.featureStore().online().answer(Json.mapper().readTree(exchange.getRequestBody()));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        bare.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        bare.start();
        System.out.println("baseline: serving on 127.0.0.1:" + port);
    }
}
