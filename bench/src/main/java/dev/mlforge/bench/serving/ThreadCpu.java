package dev.mlforge.bench.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads from {@code /proc/<pid>/task/<tid>/stat} (user + system clock ticks), grouped by
 * thread name with digits dropped ({@code JettyServerThreadPool-41} and {@code -42} are one group): tells request
 * threads from JIT compiler, GC and background threads in a run's CPU per request.
 */
public final class ThreadCpu {
    private static final double TICK_MICROS = 10_000; // USER_HZ is 100 on Linux

    private ThreadCpu() {}

    /** Ticks used so far per thread id, with the thread's group name. */
    public record Snapshot(Map<String, Long> ticksByThread, Map<String, String> groupByThread) {}

    public static Snapshot take(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] fields = stat.substring(close + 2).split(" ");
                    // After "pid (comm) ": state is field 0, utime field 11, stime field 12.
                    ticks.put(task.getFileName().toString(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    groups.put(task.getFileName().toString(), stat.substring(open + 1, close).replaceAll("[0-9]+", "N"));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return new Snapshot(Map.of(), Map.of());
        }
        return new Snapshot(ticks, groups);
    }

    /** Clock ticks of CPU by thread group between two snapshots. */
    public static Map<String, Long> ticksByGroup(Snapshot before, Snapshot after) {
        Map<String, Long> byGroup = new TreeMap<>();
        after.ticksByThread().forEach((thread, ticks) -> {
            long used = ticks - before.ticksByThread().getOrDefault(thread, 0L);
            if (used > 0) {
                byGroup.merge(after.groupByThread().get(thread), used, Long::sum);
            }
        });
        return byGroup;
    }

    /** Microseconds of CPU per request by thread group between two snapshots, largest first as text. */
    static String perRequest(Snapshot before, Snapshot after, long requests) {
        return perRequest(ticksByGroup(before, after), requests);
    }

    /** Microseconds of CPU per request of each group's {@code ticks}, largest first as text. */
    public static String perRequest(Map<String, Long> ticksByGroup, long requests) {
        Map<String, Double> byGroup = new TreeMap<>();
        ticksByGroup.forEach((group, ticks) -> byGroup.put(group, ticks * TICK_MICROS / requests));
        StringBuilder text = new StringBuilder();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                .forEach(entry -> text.append(String.format(java.util.Locale.ROOT, "%s %.1f, ", entry.getKey(), entry.getValue())));
        return text.length() == 0 ? "" : text.substring(0, text.length() - 2);
    }
}
