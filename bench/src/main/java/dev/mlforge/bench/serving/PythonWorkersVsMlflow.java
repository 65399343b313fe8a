package dev.mlforge.bench.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.bench.process.Folders;
import dev.mlforge.bench.process.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Requests/s of {@code ./mlforge server} (default configuration; only {@code serving.python.interpreter} is set, to
 * {@code -Dbench.python}, default Debian's {@code /usr/bin/python3}) serving an sklearn classifier through its Python
 * workers, against MLflow's own scoring server ({@code mlflow models serve --workers 2 --env-manager local}) on the
 * same model directory, in one run: wrk, 16 connections, the same one-row {@code dataframe_split} body on
 * {@code /invocations}, alternating rounds; prints each round, the medians and their ratio. Both servers are first
 * checked to answer sklearn's own predictions for the held-out rows.
 *
 * <p>The model is written by {@code write_sklearn_model.py} ({@code -Dbench.model-script}, default the server's test
 * resource). MLflow is started from {@code -Dbench.mlflow} (default the mlflow-python tool's MLflow 3.11, {@code
 * /work/shared/tools/mlflow-python/mlflow-python 3 -m mlflow models serve}), with a {@code uvicorn} launcher for
 * Debian's python3-uvicorn on the PATH; when it does not become healthy within 5 minutes it is skipped and said so.
 * Each server is first warmed up for {@code -Dbench.warm-up} seconds (20). Run from the repository root:
 * {@code java -cp ... dev.mlforge.bench.serving.PythonWorkersVsMlflow [rounds (3)] [seconds per window (10)]}.
 */
final class PythonWorkersVsMlflow {
    private static final int CONNECTIONS = 16;
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PythonWorkersVsMlflow() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String python = System.getProperty("bench.python", "/usr/bin/python3");
        Path dir = Files.createTempDirectory("mlforge-pyworkers-bench-");
        Path model = dir.resolve("model");
        Path holdout = dir.resolve("holdout.json");
        run(List.of(python, System.getProperty("bench.model-script",
                "server/src/test/resources/dev/mlforge/serving/python/write_sklearn_model.py"), "classifier",
                model.toString(), holdout.toString()));
        JsonNode expected = JSON.readTree(holdout.toFile());
        Path lua = writeWrkScript(dir, expected);
        System.out.printf("sklearn LogisticRegression (iris, 4 columns), one-row dataframe_split, wrk %d connections, "
                + "%d s windows, %d rounds; %s; load average at start %.2f%n", CONNECTIONS, seconds, rounds, Instant.now(),
                loadAverage());
        try (ServerProcess mlforge = startMlforge(dir, python); ServerProcess mlflow = startMlflow(dir, model)) {
            String forgeUrl = mlforge.baseUrl() + "/api/v1/deployments/iris/invocations";
            deploy(mlforge.baseUrl(), model);
            check("mlforge", forgeUrl, expected);
            String mlflowUrl = mlflow == null ? null : mlflow.baseUrl() + "/invocations";
            if (mlflowUrl != null) {
                check("MLflow", mlflowUrl, expected);
            }
            List<Double> forgeRates = new ArrayList<>();
            List<Double> mlflowRates = new ArrayList<>();
            // The JVM needs longer than Python to reach speed (JIT), much longer on a loaded machine: a 3 s warm-up
            // left mlforge's first two rounds at a tenth of its later ones at load average 27.
            int warmUp = Integer.getInteger("bench.warm-up", 20);
            wrk(forgeUrl, lua, warmUp);
            if (mlflowUrl != null) {
                wrk(mlflowUrl, lua, warmUp);
            }
            for (int round = 1; round <= rounds; round++) {
                forgeRates.add(report(round, "mlforge", wrk(forgeUrl, lua, seconds)));
                if (mlflowUrl != null) {
                    mlflowRates.add(report(round, "MLflow models serve (2 workers)", wrk(mlflowUrl, lua, seconds)));
                }
            }
            System.out.printf("median mlforge: %.0f req/s %s%n", median(forgeRates), forgeRates);
            if (!mlflowRates.isEmpty()) {
                System.out.printf("median MLflow models serve: %.0f req/s %s%n", median(mlflowRates), mlflowRates);
                System.out.printf("ratio of medians mlforge / MLflow: %.1fx; load average at end %.2f%n",
                        median(forgeRates) / median(mlflowRates), loadAverage());
            }
        } finally {
            Folders.delete(dir);
        }
    }

    private static ServerProcess startMlforge(Path dir, String python) throws Exception {
        int port = ServerProcess.freePort();
        Path launcher = Path.of(System.getProperty("bench.launcher", "./mlforge")).toAbsolutePath();
        return ServerProcess.start(List.of("env", "MLFORGE_SERVING_PYTHON_INTERPRETER=" + python, launcher.toString(),
                "server", "--host", "127.0.0.1", "--port", String.valueOf(port), "--data-dir",
                dir.resolve("mlforge-data").toString()), port, dir.resolve("mlforge.log"), Duration.ofMinutes(10));
    }

    /** MLflow's scoring server, or null (said so) when it cannot be started here. */
    private static ServerProcess startMlflow(Path dir, Path model) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path uvicorn = bin.resolve("uvicorn");
        Files.writeString(uvicorn, "#!/bin/sh\nexec /usr/bin/python3 -m uvicorn \"$@\"\n");
        uvicorn.toFile().setExecutable(true);
        int port = ServerProcess.freePort();
        // MLflow 3 opens a tracking store even to serve: keep its sqlite file in the bench folder, not the working dir.
        List<String> command = new ArrayList<>(List.of("env", "PATH=" + bin + ":" + System.getenv("PATH"),
                "MLFLOW_TRACKING_URI=sqlite:///" + dir.resolve("mlflow.db")));
        command.addAll(Arrays.asList(System.getProperty("bench.mlflow",
                "/work/shared/tools/mlflow-python/mlflow-python 3 -m mlflow models serve").split(" ")));
        command.addAll(List.of("-m", model.toString(), "--env-manager", "local", "--workers", "2", "--host", "127.0.0.1",
                "--port", String.valueOf(port)));
        try {
            return ServerProcess.start(command, port, dir.resolve("mlflow.log"), Duration.ofMinutes(5));
        } catch (IllegalStateException e) {
            System.out.println("MLflow skipped: " + e.getMessage());
            return null;
        }
    }

    /** Logs the model directory to a new run of mlforge through the artifact proxy and deploys {@code runs:/}. */
    private static void deploy(String baseUrl, Path model) throws Exception {
        String runId = post(baseUrl + "/api/2.0/mlflow/runs/create", Map.of("experiment_id", "0")).at("/run/info/run_id").asText();
        try (Stream<Path> files = Files.walk(model)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String target = baseUrl + "/api/2.0/mlflow-artifacts/artifacts/0/" + runId + "/artifacts/model/"
                        + model.relativize(file);
                send(HttpRequest.newBuilder(URI.create(target)).PUT(HttpRequest.BodyPublishers.ofFile(file)).build());
            }
        }
        post(baseUrl + "/api/v1/deployments", Map.of("name", "iris", "model_uri", "runs:/" + runId + "/model"));
    }

    private static void check(String name, String url, JsonNode expected) throws Exception {
        JsonNode answer = post(url, Map.of("dataframe_split", Map.of("columns", expected.get("columns"),
                "data", expected.get("rows"))));
        if (!answer.get("predictions").equals(expected.get("predictions"))) {
            throw new IllegalStateException(name + " answered " + answer + ", sklearn " + expected.get("predictions"));
        }
        System.out.println(name + " answers sklearn's predictions for the " + expected.get("rows").size() + " held-out rows");
    }

    private static JsonNode post(String url, Object body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private static JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static Path writeWrkScript(Path dir, JsonNode expected) throws IOException {
        String body = JSON.writeValueAsString(Map.of("dataframe_split", Map.of("columns", expected.get("columns"),
                "data", List.of(expected.get("rows").get(0)))));
        Path lua = dir.resolve("invocations.lua");
        Files.writeString(lua, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.body = [==[" + body + "]==]\n");
        return lua;
    }

    /** One wrk window: requests/s; a window with non-2xx answers fails the bench. */
    private static double wrk(String url, Path lua, int seconds) throws Exception {
        String output = run(List.of("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s", "--timeout", "30s", "-s",
                lua.toString(), url));
        Matcher errors = NON_2XX.matcher(output);
        if (errors.find()) {
            throw new IllegalStateException("wrk saw " + errors.group(1) + " non-2xx answers from " + url + ":\n" + output);
        }
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's output:\n" + output);
        }
        return Double.parseDouble(rate.group(1));
    }

    private static double report(int round, String name, double rate) {
        System.out.printf("round %d: %s %.0f req/s (load average %.2f)%n", round, name, rate, loadAverage());
        return rate;
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
