package dev.mlforge.cli;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.datasets.ColumnProfile;
import dev.mlforge.api.datasets.DatasetSummary;
import dev.mlforge.api.datasets.DatasetVersion;
import dev.mlforge.api.datasets.DatasetVersionResponse;
import dev.mlforge.api.datasets.ListDatasetVersionsResponse;
import dev.mlforge.api.datasets.ListDatasetsResponse;
import dev.mlforge.sdk.DatasetsClient;
import dev.mlforge.sdk.MlforgeClientException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlforge datasets ...}: content-addressed CSV versions with their schema and profile. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "Register CSV datasets as content-addressed versions and inspect their profiles.")
final class DatasetsCommand {
    private static final int TOP_CATEGORIES = 3;
    private static final int NAMED_COLUMNS = 8;

    @Spec
    CommandSpec spec;

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register a CSV file as a version of NAME; the same content yields the same version.")
    int register(@Mixin ClientOptions options,
            @Parameters(index = "0", paramLabel = "NAME", description = "The dataset name.") String name,
            @Parameters(index = "1", paramLabel = "FILE", description = "The CSV file, with a header line.") Path file) {
        DatasetsClient datasets = options.client().datasets();
        List<String> knownContent = knownContent(datasets, name);
        DatasetVersionResponse answer = datasets.register(name, file);
        DatasetVersion version = answer.datasetVersion();
        boolean alreadyRegistered = knownContent.contains(version.sha256());
        PrintWriter out = out();
        if (options.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("dataset_version", version);
            json.put("mlflow_dataset", answer.mlflowDataset());
            json.put("already_registered", alreadyRegistered);
            ClientOptions.printJson(out, json);
            return 0;
        }
        out.println(alreadyRegistered
                ? "Already registered: " + name + " version " + version.version() + " has the same content"
                : "Registered " + name + " version " + version.version());
        summary(version).print(out);
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List datasets with their latest version.")
    int list(@Mixin ClientOptions options) {
        List<DatasetSummary> datasets = options.client().datasets().list();
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new ListDatasetsResponse(datasets));
            return 0;
        }
        Table table = new Table("NAME", "VERSIONS", "LATEST", "DIGEST", "UPDATED");
        datasets.forEach(dataset -> table.row(dataset.name(), dataset.versionCount(), dataset.latestVersion(),
                dataset.latestDigest(), dataset.updatedAt()));
        table.print(out);
        return 0;
    }

    @Command(name = "versions", mixinStandardHelpOptions = true, description = "List the versions of a dataset, oldest first.")
    int versions(@Mixin ClientOptions options,
            @Parameters(paramLabel = "NAME", description = "The dataset name.") String name) {
        List<DatasetVersion> versions = options.client().datasets().versions(name);
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new ListDatasetVersionsResponse(versions));
            return 0;
        }
        Table table = new Table("VERSION", "DIGEST", "ROWS", "COLUMNS", "BYTES", "CREATED");
        versions.forEach(version -> table.row(version.version(), version.digest(), version.rowCount(),
                version.schema() == null ? "" : version.schema().size(), version.sizeBytes(), version.createdAt()));
        table.print(out);
        return 0;
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Show a version: its content address, then each column's type and statistics.")
    int get(@Mixin ClientOptions options,
            @Parameters(index = "0", paramLabel = "NAME", description = "The dataset name.") String name,
            @Parameters(index = "1", paramLabel = "VERSION", description = "A version number, 'latest' or a digest.")
            String reference) {
        DatasetVersionResponse answer = options.client().datasets().version(name, reference);
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, answer);
            return 0;
        }
        DatasetVersion version = answer.datasetVersion();
        summary(version).row("bytes", version.sizeBytes()).row("created", version.createdAt())
                .row("source", answer.mlflowDataset() == null ? "" : answer.mlflowDataset().source()).print(out);
        out.println();
        Table columns = new Table("COLUMN", "TYPE", "MISSING", "MEAN", "STD", "MIN", "P25", "P50", "P75", "MAX", "TOP VALUES");
        List<ColumnProfile> profile = version.profile() == null ? List.of() : version.profile();
        profile.forEach(column -> columns.row(column.name(), column.type(), percent(column.missingRate()),
                number(column.mean()), number(column.std()), number(column.min()), quantile(column, "p25"),
                quantile(column, "p50"), quantile(column, "p75"), number(column.max()), topValues(column)));
        columns.print(out);
        return 0;
    }

    @Command(name = "download", mixinStandardHelpOptions = true, description = "Download the CSV content of a version.")
    int download(@Mixin ClientOptions options,
            @Parameters(index = "0", paramLabel = "NAME", description = "The dataset name.") String name,
            @Parameters(index = "1", paramLabel = "VERSION", description = "A version number, 'latest' or a digest.")
            String reference,
            @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                    description = "Where to write the CSV (default: NAME-vN.csv in the current directory).") Path output) {
        DatasetsClient datasets = options.client().datasets();
        Path target = output;
        if (target == null) {
            DatasetVersion version = datasets.version(name, reference).datasetVersion();
            target = Path.of(name + "-v" + version.version() + ".csv");
        }
        Path written = datasets.download(name, reference, target);
        options.printDownloaded(out(), Map.of("name", name, "version", reference), written);
        return 0;
    }

    /** The SHA-256s already registered under {@code name}; none when the dataset does not exist yet. */
    private static List<String> knownContent(DatasetsClient datasets, String name) {
        try {
            return datasets.versions(name).stream().map(DatasetVersion::sha256).toList();
        } catch (MlforgeClientException e) {
            if (e.is(ErrorCode.RESOURCE_DOES_NOT_EXIST)) {
                return List.of();
            }
            throw e;
        }
    }

    private static Table summary(DatasetVersion version) {
        String columns = version.schema() == null ? "" : version.schema().size() + " ("
                + version.schema().stream().limit(NAMED_COLUMNS).map(column -> column.name()).collect(Collectors.joining(", "))
                + (version.schema().size() > NAMED_COLUMNS ? ", ..." : "") + ")";
        return new Table("FIELD", "VALUE")
                .row("name", version.name())
                .row("version", version.version())
                .row("digest", version.digest())
                .row("sha256", version.sha256())
                .row("rows", version.rowCount())
                .row("columns", columns);
    }

    private static String topValues(ColumnProfile column) {
        if (column.categoryCounts() == null || column.categoryCounts().isEmpty()) {
            return "";
        }
        String top = column.categoryCounts().entrySet().stream().limit(TOP_CATEGORIES)
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")").collect(Collectors.joining(", "));
        return column.distinctCount() == null ? top : top + " of " + column.distinctCount() + " distinct";
    }

    private static String quantile(ColumnProfile column, String key) {
        return column.quantiles() == null ? "" : number(column.quantiles().get(key));
    }

    private static String percent(Double rate) {
        return rate == null ? "" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    /** Four significant digits, without trailing zeros: 13.00061 as 13, 746.8933 as 746.9. */
    static String number(Double value) {
        if (value == null) {
            return "";
        }
        if (value.isNaN() || value.isInfinite()) {
            return value.toString();
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
