package dev.mlforge.bench.drift;

import dev.mlforge.monitoring.drift.Column;
import dev.mlforge.monitoring.drift.CsvTableReader;
import dev.mlforge.monitoring.drift.DataTable;
import dev.mlforge.monitoring.drift.DriftCalculator;
import dev.mlforge.monitoring.drift.DriftOptions;
import dev.mlforge.monitoring.drift.DriftReport;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Drift report over ROWS x COLUMNS numeric columns against a reference of the same size: the columnar implementation
 * (primitive arrays, one sort per column, parallel columns) against a naive baseline (per-row String.split parse into
 * boxed {@code List<Double>} columns, Collections.sort, the same Wasserstein formula), in the same run.
 *
 * <p>Run: {@code ./mvnw -B -q -DskipTests -pl bench -am package && java -Xmx8g -cp bench/target/mlforge-bench.jar
 * dev.mlforge.bench.drift.DriftBench [rows] [columns] [repeats] [report-only|no-baseline]} (see docs/bench-drift.md).
 */
public final class DriftBench {
    private DriftBench() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int columns = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf(Locale.ROOT, "drift bench: %,d rows x %d numeric columns, reference and current; %d cores%n",
                rows, columns, Runtime.getRuntime().availableProcessors());
        DataTable reference = generate(rows, columns, 1, 0.0);
        DataTable current = generate(rows, columns, 2, 0.05);

        DriftReport report = null;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            double cpu = cpuMillis();
            report = DriftCalculator.compare(reference, current, DriftOptions.defaults());
            System.out.printf(Locale.ROOT, "report (in-memory columns), run %d: %.0f ms wall, %.0f ms CPU%n", i + 1,
                    millis(start), cpuMillis() - cpu);
        }
        System.out.printf(Locale.ROOT, "  methods: %s, drifted columns: %d of %d%n",
                report.columns().get(0).method().id(), report.driftedColumns(), report.columns().size());

        if (args.length > 3 && args[3].equals("report-only")) {
            return;
        }
        Path folder = Files.createTempDirectory("drift-bench");
        Path referenceCsv = folder.resolve("reference.csv");
        Path currentCsv = folder.resolve("current.csv");
        writeCsv(reference, referenceCsv);
        writeCsv(current, currentCsv);
        System.out.printf(Locale.ROOT, "CSV files: %,d + %,d bytes%n", Files.size(referenceCsv),
                Files.size(currentCsv));
        reference = null;
        current = null;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            double cpu = cpuMillis();
            java.util.concurrent.CompletableFuture<DataTable> referenceFuture =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> readUnchecked(referenceCsv));
            DataTable parsedCurrent = CsvTableReader.read(currentCsv);
            DataTable parsedReference = referenceFuture.join();
            double parsed = millis(start);
            double parsedCpu = cpuMillis() - cpu;
            long reportStart = System.nanoTime();
            double reportCpu = cpuMillis();
            DriftCalculator.compare(parsedReference, parsedCurrent, DriftOptions.defaults());
            System.out.printf(Locale.ROOT, "CSV parse (both files in parallel) %.0f ms wall / %.0f ms CPU + report %.0f ms wall / "
                    + "%.0f ms CPU = %.0f ms wall end to end%n", parsed, parsedCpu, millis(reportStart),
                    cpuMillis() - reportCpu, millis(start));
        }
        if (args.length > 3 && args[3].equals("no-baseline")) {
            deleteAll(referenceCsv, currentCsv, folder);
            return;
        }
        long start = System.nanoTime();
        double cpu = cpuMillis();
        double naiveDrift = NaiveBaseline.run(referenceCsv, currentCsv);
        System.out.printf(Locale.ROOT, "naive baseline (split + List<Double> + Collections.sort), parse and report: "
                + "%.0f ms wall, %.0f ms CPU (first column Wasserstein %.6f)%n", millis(start), cpuMillis() - cpu,
                naiveDrift);
        deleteAll(referenceCsv, currentCsv, folder);
    }

    private static void deleteAll(Path... paths) throws IOException {
        for (Path path : paths) {
            Files.delete(path);
        }
    }

    private static DataTable readUnchecked(Path path) {
        try {
            return CsvTableReader.read(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** CPU time of this process in ms: on a shared machine, CPU time / cores is the wall time it would take idle. */
    private static double cpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }

    private static DataTable generate(int rows, int columns, long seed, double shift) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Column> result = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            double[] values = new double[rows];
            double columnShift = c % 4 == 0 ? shift * 4 : shift;
            for (int i = 0; i < rows; i++) {
                // rounded to 6 decimals so the CSV round-trips exactly
                values[i] = Math.rint((gaussian(random) + columnShift + c) * 1e6) / 1e6;
            }
            result.add(new Column.Numbers("f" + c, values));
        }
        return DataTable.of(result);
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    private static void writeCsv(DataTable table, Path path) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(path)) {
            writer.write(String.join(",", table.names()));
            writer.newLine();
            List<double[]> columns = table.columns().stream().map(column -> ((Column.Numbers) column).values())
                    .toList();
            StringBuilder line = new StringBuilder();
            for (int row = 0; row < table.rowCount(); row++) {
                line.setLength(0);
                for (int c = 0; c < columns.size(); c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    line.append(columns.get(c)[row]);
                }
                writer.append(line).append('\n');
            }
        }
    }

    /** The straightforward implementation a first version would have. */
    static final class NaiveBaseline {
        private NaiveBaseline() {
        }

        static double run(Path referenceCsv, Path currentCsv) throws IOException {
            List<List<Double>> reference = read(referenceCsv);
            List<List<Double>> current = read(currentCsv);
            double first = 0;
            for (int c = 0; c < reference.size(); c++) {
                List<Double> ref = reference.get(c);
                List<Double> cur = current.get(c);
                Collections.sort(ref);
                Collections.sort(cur);
                double distance = wasserstein(ref, cur) / Math.max(std(ref), 0.001);
                if (c == 0) {
                    first = distance;
                }
            }
            return first;
        }

        private static List<List<Double>> read(Path path) throws IOException {
            List<List<Double>> columns = new ArrayList<>();
            try (BufferedReader reader = Files.newBufferedReader(path)) {
                String[] header = reader.readLine().split(",");
                for (int c = 0; c < header.length; c++) {
                    columns.add(new ArrayList<>());
                }
                String line;
                while ((line = reader.readLine()) != null) {
                    String[] fields = line.split(",");
                    for (int c = 0; c < fields.length; c++) {
                        columns.get(c).add(Double.valueOf(fields[c]));
                    }
                }
            }
            return columns;
        }

        private static double std(List<Double> values) {
            double sum = 0;
            for (Double value : values) {
                sum += value;
            }
            double mean = sum / values.size();
            double squares = 0;
            for (Double value : values) {
                squares += (value - mean) * (value - mean);
            }
            return Math.sqrt(squares / values.size());
        }

        private static double wasserstein(List<Double> u, List<Double> v) {
            List<Double> all = new ArrayList<>(u);
            all.addAll(v);
            Collections.sort(all);
            double total = 0;
            int i = 0;
            int j = 0;
            for (int k = 0; k + 1 < all.size(); k++) {
                double value = all.get(k);
                while (i < u.size() && u.get(i) <= value) {
                    i++;
                }
                while (j < v.size() && v.get(j) <= value) {
                    j++;
                }
                total += Math.abs((double) i / u.size() - (double) j / v.size()) * (all.get(k + 1) - value);
            }
            return total;
        }
    }
}
