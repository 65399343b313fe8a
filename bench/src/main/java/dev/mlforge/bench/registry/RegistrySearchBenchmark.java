package dev.mlforge.bench.registry;

import dev.mlforge.app.Application;
import dev.mlforge.bench.process.Folders;
import dev.mlforge.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MLflow registry searches over HTTP against the real server (SQLite, the default store) holding 10,000 registered
 * models with 10 versions each. Each call is one full request: JDK HttpClient over loopback, Javalin, the search
 * SQL, and JSON. {@code healthBaseline} is the same-run floor: one round trip to {@code /health} on the same server.
 *
 * <p>Run: {@code ./mvnw -B -q -DskipTests -pl bench -am package} then
 * {@code java -jar bench/target/mlforge-bench.jar RegistrySearchBenchmark}. Target: p50 under 20 ms for every search.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class RegistrySearchBenchmark {
    static final int MODELS = 10_000;
    static final int VERSIONS = 10;
    private static final String API = "/api/2.0/mlflow/";

    private Path dataDir;
    private Application app;
    private HttpClient client;

    @Setup(Level.Trial)
    public void start() throws IOException {
        dataDir = Files.createTempDirectory("mlforge-registry-bench-");
        app = new Application(ServerConfig.forDataDir(dataDir)).start();
        long started = System.nanoTime();
        RegistrySeed.seed(app.database(), MODELS, VERSIONS);
        System.out.printf("%nSeeded %d models x %d versions in %d ms%n", MODELS, VERSIONS,
                (System.nanoTime() - started) / 1_000_000);
        client = HttpClient.newHttpClient();
        String check = get(API + "registered-models/search?filter=" + encode("name = 'model-00042'"));
        if (!check.contains("\"name\":\"model-00042\"")) {
            throw new IllegalStateException("Seed not visible through the API: " + check);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        app.close();
        Folders.delete(dataDir);
    }

    private static int randomModel() {
        return ThreadLocalRandom.current().nextInt(1, MODELS + 1);
    }

    @Benchmark
    public String healthBaseline() {
        return get("/health");
    }

    /** The UI's model list: first page of 100, default order, with latest versions, tags and aliases. */
    @Benchmark
    public String searchModelsFirstPage() {
        return get(API + "registered-models/search?max_results=100");
    }

    @Benchmark
    public String searchModelsByExactName() {
        return get(API + "registered-models/search?filter=" + encode("name = '" + RegistrySeed.name(randomModel()) + "'"));
    }

    /** About 111 matches (model-0123x..), first 100 returned. */
    @Benchmark
    public String searchModelsByNamePrefix() {
        String prefix = RegistrySeed.name(randomModel()).substring(0, 9);
        return get(API + "registered-models/search?max_results=100&filter=" + encode("name LIKE '" + prefix + "%'"));
    }

    @Benchmark
    public String searchModelsByTagOrderedByUpdate() {
        return get(API + "registered-models/search?max_results=100&order_by=" + encode("last_updated_timestamp DESC")
                + "&filter=" + encode("tags.team = 'risk'"));
    }

    /** The UI's version list of one model. */
    @Benchmark
    public String searchVersionsOfOneModel() {
        return get(API + "model-versions/search?filter=" + encode("name = '" + RegistrySeed.name(randomModel()) + "'"));
    }

    @Benchmark
    public String searchVersionsByRunId() {
        int model = randomModel();
        return get(API + "model-versions/search?filter=" + encode("run_id = '" + RegistrySeed.runId(model, 3) + "'"));
    }

    @Benchmark
    public String searchVersionsFirstPage() {
        return get(API + "model-versions/search?max_results=100");
    }

    @Benchmark
    public String searchVersionsByNameAndTag() {
        return get(API + "model-versions/search?filter=" + encode("name = '" + RegistrySeed.name(randomModel())
                + "' AND tags.validated = 'true'"));
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
