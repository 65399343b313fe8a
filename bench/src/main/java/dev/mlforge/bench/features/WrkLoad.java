package dev.mlforge.bench.features;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The online rows driven by {@code wrk} (a C load generator, event loop per thread) with {@code online-wrk.lua}: the
 * same lookup of one random entity a request, paced to a fixed rate by the script or closed-loop at rate 0. Its
 * latency is counted from when each request is sent, as vegeta's (Feast's published 3.9 ms p99) is, so it does not
 * charge the generator's own lateness to the server: a looser definition than {@link OpenLoopLoad}'s due time. The
 * percentiles come from wrk's histogram (1 us buckets).
 */
final class WrkLoad {
    private static final Pattern RESULT = Pattern.compile("wrk-result requests=(\\d+) non2xx_or_failed=(\\d+) "
            + "seconds=([0-9.]+) p50=(\\d+) p99=(\\d+) p999=(\\d+) max=(\\d+)");

    /** One run: requests answered, failures (non-2xx, socket errors, timeouts), wall seconds, latencies in us. */
    record Result(long requests, long errors, double seconds, long p50Micros, long p99Micros, long p999Micros, long maxMicros) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private final String executable;
    private final Path script;
    private final Path entities;

    private WrkLoad(String executable, Path script, Path entities) {
        this.executable = executable;
        this.script = script;
        this.entities = entities;
    }

    /**
     * The generator, with its script and the {@code entities} to ask for (one picked at random a request) written to
     * {@code work}, or null when {@code executable} does not run (the bench then prints the Java rows alone).
     */
    static WrkLoad find(String executable, Path work, List<Integer> entities) throws IOException {
        try {
            Process version = new ProcessBuilder(executable, "-v").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            version.waitFor();
        } catch (IOException | InterruptedException e) {
            return null;
        }
        Path script = work.resolve("online-wrk.lua");
        try (InputStream in = WrkLoad.class.getResourceAsStream("online-wrk.lua")) {
            Files.write(script, in.readAllBytes());
        }
        Path entityFile = work.resolve("online-wrk-entities.txt");
        Files.write(entityFile, entities.stream().map(String::valueOf).toList());
        return new WrkLoad(executable, script, entityFile);
    }

    /** {@code connections} over two threads (the machine's cores) for {@code seconds}, at {@code rate} or closed-loop. */
    Result run(int port, int connections, double rate, double seconds) throws IOException, InterruptedException {
        int threads = Math.min(2, connections);
        ProcessBuilder builder = new ProcessBuilder(List.of(executable, "-t", String.valueOf(threads), "-c",
                String.valueOf(connections), "-d", Math.round(seconds) + "s", "--timeout", "10s", "-s", script.toString(),
                "http://127.0.0.1:" + port + "/get-online-features")).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("WRK_ENTITY_FILE", entities.toString());
        environment.put("WRK_RATE", String.valueOf(rate));
        environment.put("WRK_THREADS", String.valueOf(threads));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Matcher matcher = RESULT.matcher(output);
        if (exit != 0 || !matcher.find()) {
            throw new IllegalStateException("wrk exited with " + exit + " without a result line:\n" + output);
        }
        return new Result(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                Double.parseDouble(matcher.group(3)), Long.parseLong(matcher.group(4)), Long.parseLong(matcher.group(5)),
                Long.parseLong(matcher.group(6)), Long.parseLong(matcher.group(7)));
    }
}
