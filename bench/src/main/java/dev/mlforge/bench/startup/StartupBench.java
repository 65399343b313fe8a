package dev.mlforge.bench.startup;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Time from process start to {@code GET /health} answering 200, for the real jar on a fresh embedded data dir,
 * against a same-run baseline: the same JVM starting a bare JDK HTTP server from the same jar size class.
 *
 * <p>Run: {@code java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.startup.StartupBench cli/target/mlforge.jar 5}
 */
public final class StartupBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    private StartupBench() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "cli/target/mlforge.jar");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Long> fresh = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        List<Long> baseline = new ArrayList<>();
        List<Long> launcher = new ArrayList<>();
        Path archive = jar.resolveSibling("mlforge.jsa");
        for (int round = 0; round < rounds; round++) {
            if (Files.isRegularFile(archive)) {
                launcher.add(timeToHealthy(List.of(java, "-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-jar",
                        jar.toString(), "server", "--port", "%PORT%", "--data-dir",
                        Files.createTempDirectory("mlforge-startup-").toString())));
            }
            Path dataDir = Files.createTempDirectory("mlforge-startup-");
            fresh.add(timeToHealthy(List.of(java, "-jar", jar.toString(), "server", "--port", "%PORT%", "--data-dir", dataDir.toString())));
            warm.add(timeToHealthy(List.of(java, "-jar", jar.toString(), "server", "--port", "%PORT%", "--data-dir", dataDir.toString())));
            baseline.add(timeToHealthy(List.of(java, "-cp", System.getProperty("java.class.path"),
                    BareServer.class.getName(), "%PORT%")));
        }
        System.out.printf("startup to /health 200, %d rounds (median ms): fresh data dir %d, existing data dir %d, "
                + "bare JDK HttpServer baseline %d; overhead ratio %.2fx%n", rounds, median(fresh), median(warm),
                median(baseline), median(fresh) / (double) median(baseline));
        if (!launcher.isEmpty()) {
            System.out.printf("as ./mlforge launches it (with the class-data-sharing archive %s), fresh data dir: %d ms%n",
                    archive, median(launcher));
        }
    }

    private static long timeToHealthy(List<String> template) throws Exception {
        int port = freePort();
        List<String> command = template.stream().map(arg -> arg.replace("%PORT%", Integer.toString(port))).toList();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("process exited: " + command);
                }
                try {
                    HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return (System.nanoTime() - start) / 1_000_000;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(5);
                }
            }
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The baseline: a JDK HTTP server answering /health, nothing else. */
    public static final class BareServer {
        public static void main(String[] args) throws IOException {
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
            server.createContext("/health", exchange -> {
                byte[] body = "OK".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }
    }
}
