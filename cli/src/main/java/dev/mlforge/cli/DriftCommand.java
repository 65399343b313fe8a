package dev.mlforge.cli;

import dev.mlforge.monitoring.drift.CsvTableReader;
import dev.mlforge.monitoring.drift.DataTable;
import dev.mlforge.monitoring.drift.DriftCalculator;
import dev.mlforge.monitoring.drift.DriftMethod;
import dev.mlforge.monitoring.drift.DriftOptions;
import dev.mlforge.monitoring.drift.DriftReport;
import dev.mlforge.monitoring.drift.LargeDrift;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlforge drift}: compares a current CSV or Parquet file with a reference, column by column, like Evidently;
 * in memory, or on the embedded DuckDB engine for inputs of any size (same statistics, same report).
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Detect data drift between a reference and a current CSV or Parquet file (Evidently's tests and "
                + "defaults).")
final class DriftCommand implements Callable<Integer> {
    /** With {@code --engine auto}, files together larger than this share of the maximum heap go to DuckDB. */
    static final double AUTO_HEAP_SHARE = 0.25;

    @Spec
    CommandSpec spec;

    @Option(names = "--reference", required = true,
            description = "Reference CSV file (with a header row) or Parquet file (.parquet).")
    Path reference;

    @Option(names = "--current", required = true,
            description = "Current CSV file (with a header row) or Parquet file (.parquet).")
    Path current;

    @Option(names = "--engine", defaultValue = "auto",
            description = "memory (read both files into the heap), duckdb (stream aggregates from the embedded DuckDB, "
                    + "spilling to disk: inputs of any size) or auto (duckdb for Parquet or for files together larger "
                    + "than a quarter of the maximum heap, memory otherwise).")
    String engine;

    @Option(names = "--memory-limit", defaultValue = "1GB",
            description = "Memory limit of the duckdb engine (off the Java heap), e.g. 512MB or 4GB (default 1GB).")
    String memoryLimit;

    @Option(names = "--method", defaultValue = "auto",
            description = "auto (per column, like Evidently), ks, chisquare, z, psi, jensenshannon, kl_div, hellinger, "
                    + "wasserstein, anderson or cramer_von_mises.")
    String method;

    @Option(names = "--columns", split = ",", description = "Columns to compare (default: every reference column).")
    List<String> columns;

    @Option(names = "--threshold", description = "Threshold for every column (default: each method's default).")
    Double threshold;

    @Option(names = "--drift-share", defaultValue = "0.5",
            description = "Share of drifted columns at which the dataset drifts (default 0.5).")
    double driftShare;

    @Option(names = "--format", defaultValue = "text", description = "text, json or html.")
    String format;

    @Option(names = "--output", description = "Write the report to this file instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        String chosenFormat = format.toLowerCase(Locale.ROOT);
        if (!List.of("text", "json", "html").contains(chosenFormat)) {
            throw new IllegalArgumentException("unknown format '" + format + "'; expected text, json or html");
        }
        DriftOptions options = DriftOptions.defaults().withMethod(parseMethod(method)).withThreshold(threshold)
                .withDriftShare(driftShare).withColumns(columns == null ? List.of()
                        : columns.stream().map(String::strip).filter(name -> !name.isEmpty()).toList());
        checkExists("reference", reference);
        checkExists("current", current);
        DriftReport report = useEngine() ? compareOnEngine(options) : compareInMemory(options);
        String rendered = switch (chosenFormat) {
            case "json" -> DriftJson.render(report);
            case "html" -> DriftHtml.render(report, reference.getFileName().toString(),
                    current.getFileName().toString());
            default -> DriftText.render(report);
        };
        if (output != null) {
            Files.writeString(output, rendered, StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("report written to " + output);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(rendered);
            out.flush();
        }
        return 0;
    }

    private boolean useEngine() throws IOException {
        boolean parquet = isParquet(reference) || isParquet(current);
        return switch (engine.toLowerCase(Locale.ROOT)) {
            case "duckdb" -> true;
            case "memory" -> {
                if (parquet) {
                    throw new IllegalArgumentException("the memory engine reads CSV only; use --engine duckdb (or auto) "
                            + "for Parquet files");
                }
                yield false;
            }
            case "auto" -> parquet
                    || Files.size(reference) + Files.size(current) > AUTO_HEAP_SHARE * Runtime.getRuntime().maxMemory();
            default -> throw new IllegalArgumentException("unknown engine '" + engine
                    + "'; expected auto, memory or duckdb");
        };
    }

    private static boolean isParquet(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    private DriftReport compareInMemory(DriftOptions options) {
        // the two files are parsed in parallel: parsing is single-threaded per file
        CompletableFuture<DataTable> referenceTable = CompletableFuture.supplyAsync(() -> readTable(reference));
        DataTable currentTable = readTable(current);
        DataTable referenceData = join(referenceTable);
        requireSharedColumns(referenceData.names(), currentTable.names());
        return DriftCalculator.compare(referenceData, currentTable, options);
    }

    /** The engine spills to a temporary directory, removed afterwards. */
    private DriftReport compareOnEngine(DriftOptions options) throws IOException {
        Path spill = Files.createTempDirectory("mlforge-drift");
        try {
            LargeDrift large = new LargeDrift(spill, memoryLimit.strip());
            List<List<String>> names = large.columnNames(reference, current);
            requireSharedColumns(names.get(0), names.get(1));
            return large.compare(reference, current, options);
        } finally {
            try (var files = Files.walk(spill)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Two tables without a common column cannot drift or not drift: comparing them is the user's mistake. */
    private static void requireSharedColumns(List<String> referenceNames, List<String> currentNames) {
        if (referenceNames.stream().noneMatch(new java.util.HashSet<>(currentNames)::contains)) {
            throw new IllegalArgumentException("the reference and current data share no column: reference has "
                    + names(referenceNames) + ", current has " + names(currentNames));
        }
    }

    /** At most 20 names, so that a wide table still gives a one-line message. */
    private static String names(List<String> names) {
        return names.size() <= 20 ? names.toString()
                : names.subList(0, 20).toString().replaceFirst("]$", ", ... (" + names.size() + " columns)]");
    }

    private static DriftMethod parseMethod(String name) {
        if (name.equalsIgnoreCase("auto")) {
            return null;
        }
        return DriftMethod.byId(name).orElseThrow(() -> new IllegalArgumentException("unknown method '" + name
                + "'; expected auto, " + Arrays.stream(DriftMethod.values()).map(DriftMethod::id)
                .collect(Collectors.joining(", "))));
    }

    private static void checkExists(String role, Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(role + " file not found: " + path);
        }
    }

    private static DataTable readTable(Path path) {
        try {
            return CsvTableReader.read(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static DataTable join(CompletableFuture<DataTable> table) {
        try {
            return table.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
