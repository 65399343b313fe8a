package dev.mlforge.bench.search;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./mlforge server} started as the README says, in its own process, on a free port; closing it stops that
 * process (the launcher's {@code exec} makes the launcher's process the server's JVM).
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final String baseUrl;

    private ServerProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts the server and waits until {@code /health} answers 200; its output goes to {@code log}. */
    static ServerProcess start(Path launcher, Path dataDir, String backendStoreUri, Path log) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "server", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
        if (backendStoreUri != null) {
            command.add("--backend-store-uri");
            command.add(backendStoreUri);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ServerProcess server = new ServerProcess(process, "http://127.0.0.1:" + port);
        server.awaitHealthy(log);
        return server;
    }

    String baseUrl() {
        return baseUrl;
    }

    private void awaitHealthy(Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10); // the launcher may build the jar first
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("the server did not become healthy; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
