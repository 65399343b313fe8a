package dev.mlforge.cluster;

import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ReplicaServer} started as a separate JVM on this test's classpath, so that it can be killed with SIGKILL
 * (no shutdown hook, no lease released) as a crashed machine would stop.
 */
final class ReplicaProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("LISTENING (\\d+)");

    private final String name;
    private final Path log;
    private final Process process;
    private final int port;

    private ReplicaProcess(String name, Path log, Process process, int port) {
        this.name = name;
        this.log = log;
        this.process = process;
        this.port = port;
    }

    /** Starts a server with {@code config} (its data dir below {@code dir}) and waits until it listens. */
    static ReplicaProcess start(String name, Path dir, Map<String, String> config) throws IOException, InterruptedException {
        Path dataDir = Files.createDirectories(dir.resolve(name));
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ReplicaServer.class.getName(), "host=127.0.0.1", "port=0", "grpc-port=-1", "data-dir=" + dataDir));
        config.forEach((key, value) -> command.add(key + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Matcher matcher = LISTENING.matcher(Files.readString(log));
            if (matcher.find()) {
                return new ReplicaProcess(name, log, process, Integer.parseInt(matcher.group(1)));
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not listen within 90 s:\n" + Files.readString(log));
    }

    TestHttp http() {
        return new TestHttp("http://127.0.0.1:" + port);
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: the JVM stops at once, without closing anything. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
