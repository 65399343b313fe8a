package dev.mlforge.bench.artifacts;

import dev.mlforge.bench.process.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Uploads and downloads one large artifact through the real server jar running with a 256 MB heap, and checks
 * that the bytes come back unchanged. Proves the artifact routes stream (a buffered 1 GB body cannot fit) and
 * measures the throughput both ways, sha256 of the client side included, against a same-run baseline: the JDK's
 * bare HTTP server storing the file the same way ({@link BaselineFileServer}).
 *
 * <p>Run from the repository root after building the jar:
 * {@code ./mvnw -B -q -DskipTests -pl cli,bench -am package && java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.artifacts.LargeArtifactBench [MB]}
 * (default 1024 MB; the jar is {@code cli/target/mlforge.jar}, or the path in {@code -Dmlforge.jar=...}).
 */
public final class LargeArtifactBench {
    private static final int CHUNK = 1024 * 1024;

    private LargeArtifactBench() {}

    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        long size = megabytes * CHUNK;
        Path jar = Path.of(System.getProperty("mlforge.jar", "cli/target/mlforge.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No server jar at " + jar + "; build it with ./mvnw -B -q -DskipTests -pl cli -am package");
        }
        System.out.printf("Artifact bench: %d MB, each server a child process with -Xmx256m%n", megabytes);
        Result mlforge = measure("mlforge", size, (port, dataDir) -> List.of(javaBinary(), "-Xmx256m", "-jar", jar.toString(),
                "server", "--port", String.valueOf(port), "--data-dir", dataDir.toString()),
                "/api/2.0/mlflow-artifacts/artifacts/bench/large.bin");
        Result baseline = measure("baseline (JDK HttpServer)", size, (port, dataDir) -> List.of(javaBinary(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), BaselineFileServer.class.getName(), String.valueOf(port), dataDir.toString()),
                "/files/bench/large.bin");
        System.out.printf("%n| server | upload MB/s | download MB/s | heap after (MB) |%n|---|---|---|---|%n");
        for (Result result : List.of(mlforge, baseline)) {
            System.out.printf("| %s | %.1f | %.1f | %s |%n", result.name(), result.uploadMegabytesPerSecond(),
                    result.downloadMegabytesPerSecond(), result.heapMegabytes() < 0 ? "n/a" : String.format("%.1f", result.heapMegabytes()));
        }
    }

    private record Result(String name, double uploadMegabytesPerSecond, double downloadMegabytesPerSecond, double heapMegabytes) {}

    private interface Command {
        List<String> of(int port, Path dataDir);
    }

    private static Result measure(String name, long size, Command command, String path) throws Exception {
        Path dataDir = Files.createTempDirectory("mlforge-artifact-bench");
        int port = freePort();
        Process server = new ProcessBuilder(command.of(port, dataDir))
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile())
                .start();
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitHealthy(client, base, server);
            System.out.printf("%n%s%n", name);
            Result result = run(name, client, base + path, size);
            if (!server.isAlive()) {
                throw new IllegalStateException("The server died during the run; see " + dataDir.resolve("server.log"));
            }
            return name.equals("mlforge") ? new Result(name, result.uploadMegabytesPerSecond(), result.downloadMegabytesPerSecond(),
                    heapUsedMegabytes(client, base)) : result;
        } finally {
            server.destroy();
            server.waitFor();
            Folders.delete(dataDir);
        }
    }

    private static Result run(String name, HttpClient client, String url, long size) throws Exception {

        GeneratedStream generated = new GeneratedStream(size, 20261124L);
        HttpRequest upload = HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> generated), size))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> uploaded = client.send(upload, HttpResponse.BodyHandlers.ofString());
        double uploadSeconds = (System.nanoTime() - start) / 1e9;
        if (uploaded.statusCode() != 200) {
            throw new IllegalStateException("Upload failed: HTTP " + uploaded.statusCode() + " " + uploaded.body());
        }
        String sent = generated.sha256();

        start = System.nanoTime();
        HttpResponse<InputStream> download = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest digest = sha256Digest();
        long received = 0;
        try (InputStream in = download.body()) {
            byte[] buffer = new byte[CHUNK];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
                received += read;
            }
        }
        double downloadSeconds = (System.nanoTime() - start) / 1e9;
        String back = HexFormat.of().formatHex(digest.digest());
        if (download.statusCode() != 200 || received != size || !back.equals(sent)) {
            throw new IllegalStateException("Download mismatch: HTTP " + download.statusCode() + ", " + received
                    + " bytes, sha256 " + back + " (sent " + sent + ")");
        }
        System.out.printf("upload:   %.1f MB/s (%.2f s)%n", size / (double) CHUNK / uploadSeconds, uploadSeconds);
        System.out.printf("download: %.1f MB/s (%.2f s), Content-Length %s%n", size / (double) CHUNK / downloadSeconds,
                downloadSeconds, download.headers().firstValue("Content-Length").orElse("absent"));
        System.out.printf("sha256 %s matches both ways%n", sent);
        return new Result(name, size / (double) CHUNK / uploadSeconds, size / (double) CHUNK / downloadSeconds, -1);
    }

    /** Deterministic pseudo-random bytes made on demand and hashed as they are read; never held whole. */
    private static final class GeneratedStream extends InputStream {
        private final long size;
        private final SplittableRandom random;
        private final MessageDigest digest = sha256Digest();
        private final byte[] block = new byte[64 * 1024];
        private int blockPosition = block.length;
        private long produced;

        GeneratedStream(long size, long seed) {
            this.size = size;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (produced >= size) {
                return -1;
            }
            if (blockPosition == block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                blockPosition = 0;
            }
            int count = (int) Math.min(Math.min(length, block.length - blockPosition), size - produced);
            System.arraycopy(block, blockPosition, target, offset, count);
            digest.update(block, blockPosition, count);
            blockPosition += count;
            produced += count;
            return count;
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static double heapUsedMegabytes(HttpClient client, String base) throws Exception {
        String metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines()
                .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum() / CHUNK;
    }

    private static void awaitHealthy(HttpClient client, String base, Process server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("The server exited with code " + server.exitValue());
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The server did not become healthy within 60 s");
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
