package dev.mlforge.e2e;

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
import java.util.List;

/** The real {@code mlforge.jar} started as a child process, as a user starts it: {@code mlforge server ...}. */
final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dataDir;
    private final int port;
    private final Path log;
    private Process process;

    ServerProcess(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.port = freePort();
        this.log = Files.createTempFile("mlforge-e2e-", ".log");
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("mlforge.jar", "../cli/target/mlforge.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The mlforge jar is not built: " + jar.toAbsolutePath());
        }
        return jar;
    }

    ServerProcess start(String... extraArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar().toString(),
                "server", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the gRPC port defaults to the HTTP port + 1, which another test's free port may be: any free port instead
        builder.environment().put("MLFORGE_GRPC_PORT", "0");
        process = builder.start();
        try {
            awaitHealthy(Duration.ofSeconds(180)); // a loaded CI machine can take over a minute to start the jar
        } catch (RuntimeException | IOException | InterruptedException notStarted) {
            process.destroyForcibly(); // no caller holds this yet to close it
            throw notStarted;
        }
        return this;
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Server exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Server not healthy within " + timeout + ":\n" + Files.readString(log));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed by the JVM. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
