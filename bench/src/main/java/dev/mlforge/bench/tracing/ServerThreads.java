package dev.mlforge.bench.tracing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the server's CPU goes, by thread kind, from Linux {@code /proc/PID/task/TID/stat}: the HTTP threads (Jetty's
 * pool: request parsing, routing, the OTLP body reader), the span writer (one thread, every SQLite insert and commit of
 * spans), the audit writer, JIT compilation, GC, and the rest. Compilation is shown apart because a run of a few
 * seconds pays for the JIT's warm-up, which a server in steady state does not.
 */
final class ServerThreads {
    private ServerThreads() {}

    /** CPU ticks (1/100 s, user + system) of the process's live threads, summed by thread kind. */
    static Map<String, Long> ticks(long pid) throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        if (pid < 0) {
            return ticks;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    ticks.merge(kind(Files.readString(task.resolve("comm")).trim()), used, Long::sum);
                } catch (IOException ended) {
                    // the thread ended between listing and reading
                }
            }
        }
        return ticks;
    }

    private static String kind(String name) {
        if (name.startsWith("JettyServerThre") || name.startsWith("qtp")) {
            return "http";
        }
        if (name.startsWith("mlforge-span-co")) {
            return "span writer";
        }
        if (name.startsWith("mlforge-audit")) {
            return "audit writer";
        }
        if (name.contains("CompilerThre")) {
            return "JIT";
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM ")) {
            return "GC+VM";
        }
        return "other";
    }

    /** One line: each kind's CPU microseconds per span between the two snapshots, and the total without the JIT. */
    static String breakdown(Map<String, Long> before, Map<String, Long> after, long spans) {
        StringBuilder line = new StringBuilder("server CPU per span by thread:");
        long total = 0;
        long jit = 0;
        for (Map.Entry<String, Long> kind : after.entrySet()) {
            long used = kind.getValue() - before.getOrDefault(kind.getKey(), 0L);
            total += used;
            jit += kind.getKey().equals("JIT") ? used : 0;
            line.append(String.format(" %s %.1f us;", kind.getKey(), used * 10_000.0 / spans));
        }
        return line.append(String.format(" total %.1f us, without JIT %.1f us (%,.0f spans per server CPU second)",
                total * 10_000.0 / spans, (total - jit) * 10_000.0 / spans, spans * 100.0 / Math.max(1, total - jit))).toString();
    }
}
