package dev.mlforge.bench.tracking;

import dev.mlforge.bench.process.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ingest driver the issue measured with: Debian's {@code wrk} (C, one event loop per connection), so that the
 * client takes as little of the 2 shared cores as possible. Bodies go to one file per connection, which the Lua script
 * {@code log-batch-ingest.lua} loads before its clock starts.
 */
final class WrkIngest implements IngestDriver {
    private static final Pattern THREAD = Pattern.compile(
            "ingest-thread id=(\\d+) sent=(\\d+) acknowledged=(\\d+) failed=(\\d+) ran_out=(\\d) loaded_at=(\\d+) first_error=(.*)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("ingest-socket-errors (\\d+)");

    private final Path workDir;

    WrkIngest(Path workDir) {
        this.workDir = workDir;
    }

    /** The wrk executable on the PATH, or null when there is none. */
    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String name() {
        return "wrk";
    }

    @Override
    public Result run(String baseUrl, List<List<String>> bodiesPerConnection, int seconds) throws Exception {
        Path dir = Files.createTempDirectory(workDir, "wrk-");
        try {
            long bytes = 0;
            for (int connection = 0; connection < bodiesPerConnection.size(); connection++) {
                List<String> bodies = bodiesPerConnection.get(connection);
                Files.write(dir.resolve("bodies-" + (connection + 1) + ".jsonl"), bodies, StandardCharsets.UTF_8);
                bytes += bodies.stream().mapToLong(String::length).sum();
            }
            Path script = dir.resolve("log-batch-ingest.lua");
            try (InputStream in = WrkIngest.class.getResourceAsStream("log-batch-ingest.lua")) {
                Files.copy(in, script);
            }
            // wrk loads every thread's bodies, one thread after the other, before its clock: give it 5 s plus 1 s per
            // 20 MB (a loaded 2-core machine read about 37 MB/s into LuaJIT).
            long leadMillis = 5_000 + bytes / 20_000;
            long goAt = System.currentTimeMillis() + leadMillis;
            int connections = bodiesPerConnection.size();
            List<String> command = List.of("wrk", "-t" + connections, "-c" + connections,
                    "-d" + (leadMillis / 1000 + seconds + 3) + "s", "--timeout", "60s", "-s", script.toString(),
                    baseUrl + "/api/2.0/mlflow/runs/log-batch", "--", dir.toString(), String.valueOf(goAt),
                    String.valueOf(seconds));
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed:\n" + output);
            }
            return parse(output, goAt, seconds);
        } finally {
            Folders.delete(dir);
        }
    }

    private static Result parse(String output, long goAt, int seconds) {
        long sent = 0;
        long acknowledged = 0;
        long failed = 0;
        boolean ranOut = false;
        int threads = 0;
        for (String line : output.split("\n")) {
            Matcher thread = THREAD.matcher(line);
            if (thread.matches()) {
                threads++;
                sent += Long.parseLong(thread.group(2));
                acknowledged += Long.parseLong(thread.group(3));
                failed += Long.parseLong(thread.group(4));
                ranOut |= thread.group(5).equals("1");
                if (Long.parseLong(thread.group(6)) > goAt) {
                    throw new IllegalStateException("wrk had not loaded the bodies when the clock started:\n" + output);
                }
                if (!thread.group(7).isBlank()) {
                    System.out.println("  first refused request of connection " + thread.group(1) + ": " + thread.group(7));
                }
            }
            Matcher socketErrors = SOCKET_ERRORS.matcher(line);
            if (socketErrors.matches() && !socketErrors.group(1).equals("0")) {
                System.out.println("  wrk counted " + socketErrors.group(1) + " socket errors (connect, read, write, timeout)");
            }
        }
        if (threads == 0) {
            throw new IllegalStateException("wrk printed no counts:\n" + output);
        }
        return new Result(sent, acknowledged, failed, seconds, ranOut);
    }

}
