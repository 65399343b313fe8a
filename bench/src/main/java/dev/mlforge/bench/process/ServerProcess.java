package dev.mlforge.bench.process;

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
 * A server under benchmark in its own process ({@code ./mlforge server} as the README says, or another server started
 * from a command line), on a free loopback port; closing it stops the process and every process it started (MLflow's
 * {@code mlflow server} runs gunicorn workers as children).
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final String baseUrl;

    private ServerProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts {@code ./mlforge server} (default configuration) and waits until {@code /health} answers 200. */
    public static ServerProcess mlforge(Path launcher, Path dataDir, String backendStoreUri, Path log) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "server", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
        if (backendStoreUri != null) {
            command.add("--backend-store-uri");
            command.add(backendStoreUri);
        }
        // The launcher may build the jar first.
        return start(command, port, log, Duration.ofMinutes(10));
    }

    /**
     * Starts {@code command}, which must serve HTTP on 127.0.0.1:{@code port}, and waits until its {@code /health}
     * answers 200; its output goes to {@code log}.
     */
    public static ServerProcess start(List<String> command, int port, Path log, Duration startTimeout) throws Exception {
        return start(command, java.util.Map.of(), port, log, startTimeout);
    }

    /** {@link #start(List, int, Path, Duration)} with {@code environment} added to this process's. */
    public static ServerProcess start(List<String> command, java.util.Map<String, String> environment, int port, Path log,
            Duration startTimeout) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        ServerProcess server = new ServerProcess(process, "http://127.0.0.1:" + port);
        server.awaitHealthy(log, startTimeout);
        return server;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The server's process id ({@code ./mlforge} execs java, so this is the JVM's). */
    public long pid() {
        return process.pid();
    }

    private void awaitHealthy(Path log, Duration startTimeout) throws Exception {
        // HTTP/1.1: uvicorn (MLflow's scoring server) leaves an h2c upgrade request unanswered.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health"))
                                .timeout(Duration.ofSeconds(10)).GET().build(),
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
        throw new IllegalStateException("the server did not become healthy within " + startTimeout + "; see " + log);
    }

    /** CPU time the server has used so far: its process and every process it started. */
    public Duration cpuTime() {
        Duration total = cpuTime(process.toHandle());
        for (ProcessHandle child : process.descendants().toList()) {
            total = total.plus(cpuTime(child));
        }
        return total;
    }

    private static Duration cpuTime(ProcessHandle handle) {
        return handle.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Waits (at most a minute) until the server has used under 20 ms of CPU in 300 ms: requests in flight are done. */
    public void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        Duration before = cpuTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(300);
            Duration now = cpuTime();
            if (now.minus(before).toMillis() < 20) {
                return;
            }
            before = now;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                child.destroyForcibly();
            }
        }
    }
}
