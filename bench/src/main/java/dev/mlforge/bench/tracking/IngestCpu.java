package dev.mlforge.bench.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds spent by the three parties of an ingest run on one machine, from {@code /proc} (user + system clock
 * ticks): the mlforge servers running in this JVM (every thread but the clients'), the clients in this JVM (threads
 * named {@code ingest-client-*} and the JDK HTTP client's {@code HttpClient-*}), and PostgreSQL (the postmaster, the
 * children it has reaped and its live backends). The servers' share is the whole JVM's CPU (threads ended within
 * the window included) minus the client threads', so it also holds the JVM's GC and JIT work.
 */
final class IngestCpu {
    private static final double TICK_SECONDS = 0.01; // USER_HZ is 100 on Linux

    /** CPU seconds used in a window by each party. */
    record Sample(double server, double clients, double postgres) {}

    /** Ticks so far: the whole JVM (threads ended included), each live client thread, and PostgreSQL. */
    record Snapshot(long jvm, Map<String, Long> clientThreads, long postgres) {
        /**
         * The CPU used since {@code earlier}: a client thread counts from 0 when it started within the window; the
         * servers' share is the JVM's minus the clients'.
         */
        Sample minus(Snapshot earlier) {
            long clients = 0;
            for (Map.Entry<String, Long> thread : clientThreads.entrySet()) {
                clients += thread.getValue() - earlier.clientThreads.getOrDefault(thread.getKey(), 0L);
            }
            return new Sample((jvm - earlier.jvm - clients) * TICK_SECONDS, clients * TICK_SECONDS,
                    (postgres - earlier.postgres) * TICK_SECONDS);
        }
    }

    private final long postmaster;

    /** {@code postmaster} is the PID in the first line of the data directory's {@code postmaster.pid}. */
    IngestCpu(long postmaster) {
        this.postmaster = postmaster;
    }

    static long postmasterPid(Path dataDirectory) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
    }

    Snapshot sample() {
        Path self = Path.of("/proc", String.valueOf(ProcessHandle.current().pid()));
        Map<String, Long> clients = new HashMap<>();
        try (Stream<Path> tasks = Files.list(self.resolve("task"))) {
            for (Path task : tasks.toList()) {
                String[] stat = stat(task.resolve("stat"));
                if (stat.length > 0 && (stat[0].startsWith("ingest-client") || stat[0].startsWith("HttpClient"))) {
                    clients.put(task.getFileName().toString(), Long.parseLong(stat[12]) + Long.parseLong(stat[13]));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read this JVM's threads", e);
        }
        String[] jvm = stat(self.resolve("stat"));
        String[] master = stat(Path.of("/proc", String.valueOf(postmaster), "stat"));
        long postgres = Long.parseLong(master[12]) + Long.parseLong(master[13]) + Long.parseLong(master[14])
                + Long.parseLong(master[15]);
        postgres += ProcessHandle.of(postmaster).map(handle -> handle.children().mapToLong(child -> {
            String[] fields = stat(Path.of("/proc", String.valueOf(child.pid()), "stat"));
            return fields.length == 0 ? 0 : Long.parseLong(fields[12]) + Long.parseLong(fields[13]);
        }).sum()).orElse(0L);
        return new Snapshot(Long.parseLong(jvm[12]) + Long.parseLong(jvm[13]), clients, postgres);
    }

    /** The name, then the fields after it (state first: utime is index 12, stime 13, cutime 14, cstime 15). */
    private static String[] stat(Path file) {
        try {
            String stat = Files.readString(file);
            int close = stat.lastIndexOf(')');
            String[] rest = stat.substring(close + 2).split(" ");
            String[] fields = new String[rest.length + 1];
            fields[0] = stat.substring(stat.indexOf('(') + 1, close);
            System.arraycopy(rest, 0, fields, 1, rest.length);
            return fields;
        } catch (IOException | RuntimeException gone) {
            return new String[0];
        }
    }
}
