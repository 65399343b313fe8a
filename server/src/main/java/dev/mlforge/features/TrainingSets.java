package dev.mlforge.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.datasets.DatasetService;
import dev.mlforge.datasets.DatasetVersionEntity;
import dev.mlforge.http.MlforgeException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Training sets: entity rows (inline, a registered dataset version, or a file in the data dir) joined point-in-time
 * with the requested features by the {@link OfflineEngine}, and registered as a new version of a dataset.
 */
public final class TrainingSets {
    private final FeatureCatalog catalog;
    private final OfflineEngine engine;
    private final SourceFiles sources;
    private final DatasetService datasets;
    private final Path workDir;

    TrainingSets(FeatureCatalog catalog, OfflineEngine engine, SourceFiles sources, DatasetService datasets, Path workDir) {
        this.catalog = catalog;
        this.engine = engine;
        this.sources = sources;
        this.datasets = datasets;
        this.workDir = workDir;
    }

    /** The registered dataset version and the feature columns it holds. */
    public record TrainingSet(DatasetVersionEntity dataset, List<String> featureColumns) {}

    /**
     * Builds one from a request {@code {dataset_name, features | feature_service, entity_rows | entity_dataset |
     * entity_path, event_timestamp_column, full_feature_names}}.
     */
    public TrainingSet create(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw MlforgeException.invalidParameter("The request must be a JSON object");
        }
        String datasetName = text(request, "dataset_name");
        if (datasetName == null) {
            throw MlforgeException.invalidParameter("'dataset_name' is required: the dataset the training set is registered as");
        }
        String timestampColumn = text(request, "event_timestamp_column");
        timestampColumn = timestampColumn == null ? "event_timestamp" : timestampColumn;
        DefinitionCodec.requireColumn(timestampColumn, "'event_timestamp_column'");
        JsonNode fullNames = request.get("full_feature_names");
        if (fullNames != null && !fullNames.isNull() && !fullNames.isBoolean()) {
            throw MlforgeException.invalidParameter("'full_feature_names' must be true or false, got " + fullNames);
        }
        boolean full = fullNames != null && fullNames.asBoolean();
        JsonNode features = request.get("features");
        Map<FeatureView, List<FeatureField>> resolved = catalog.resolve(
                features == null || features.isNull() ? null : DefinitionCodec.textList(features, "'features'"),
                text(request, "feature_service"));
        Path inline = null;
        try {
            Files.createDirectories(workDir);
            Path entityFile;
            int given = (request.hasNonNull("entity_rows") ? 1 : 0) + (request.hasNonNull("entity_dataset") ? 1 : 0)
                    + (request.hasNonNull("entity_path") ? 1 : 0);
            if (given != 1) {
                throw MlforgeException.invalidParameter("Give exactly one of 'entity_rows' (a list of objects), "
                        + "'entity_dataset' ({name, version}) and 'entity_path' (a CSV or Parquet file in the data dir)");
            }
            if (request.hasNonNull("entity_rows")) {
                inline = Files.createTempFile(workDir, "entities-", ".csv");
                writeRows(request.get("entity_rows"), inline);
                entityFile = inline;
            } else if (request.hasNonNull("entity_dataset")) {
                JsonNode dataset = request.get("entity_dataset");
                String name = dataset.isObject() ? text(dataset, "name") : null;
                if (name == null) {
                    throw MlforgeException.invalidParameter("'entity_dataset' must be {name, version} with a 'name'");
                }
                String version = dataset.hasNonNull("version") ? dataset.get("version").asText() : "latest";
                entityFile = sources.dataset(name, version);
            } else {
                entityFile = sources.confined(text(request, "entity_path"), "entity_path");
            }
            return join(datasetName, resolved, entityFile, timestampColumn, full);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(inline);
        }
    }

    /**
     * Builds one from the entity rows of {@code entityFile} (a CSV or Parquet file the caller owns, e.g. a pipeline
     * step's input) with {@code features} or the features of {@code featureService}, registered as {@code datasetName}.
     */
    public TrainingSet create(String datasetName, List<String> features, String featureService, Path entityFile,
            String timestampColumn) {
        DefinitionCodec.requireColumn(timestampColumn, "'event_timestamp_column'");
        return join(datasetName, catalog.resolve(features, featureService), entityFile, timestampColumn, false);
    }

    private TrainingSet join(String datasetName, Map<FeatureView, List<FeatureField>> resolved, Path entityFile,
            String timestampColumn, boolean full) {
        List<OfflineEngine.ViewJoin> joins = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        resolved.forEach((view, fields) -> {
            joins.add(new OfflineEngine.ViewJoin(view, catalog.joinKeys(view), fields,
                    sources.file(view.source(), "feature view '" + view.name() + "'")));
            fields.forEach(field -> columns.add(full ? view.name() + "__" + field.name() : field.name()));
        });
        Path output = null;
        try {
            Files.createDirectories(workDir);
            output = Files.createTempFile(workDir, "training-set-", ".csv");
            engine.pointInTimeJoin(entityFile, timestampColumn, joins, full, output);
            return new TrainingSet(datasets.register(datasetName, output), columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(output);
        }
    }

    /** Inline entity rows as a CSV file: the first row's fields are the columns, every row must have exactly them. */
    private static void writeRows(JsonNode rows, Path file) throws IOException {
        if (!rows.isArray() || rows.isEmpty()) {
            throw MlforgeException.invalidParameter("'entity_rows' must be a non-empty list of objects");
        }
        if (!rows.get(0).isObject() || rows.get(0).isEmpty()) {
            throw MlforgeException.invalidParameter("'entity_rows' must hold objects like {\"driver_id\": 1001, "
                    + "\"event_timestamp\": \"2021-04-12T10:59:42Z\"}");
        }
        List<String> columns = new ArrayList<>();
        rows.get(0).fieldNames().forEachRemaining(columns::add);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", columns.stream().map(TrainingSets::csv).toList()));
            out.write('\n');
            int index = 0;
            for (JsonNode row : rows) {
                if (!row.isObject() || row.size() != columns.size()) {
                    throw MlforgeException.invalidParameter("entity_rows[" + index + "] must be an object with exactly the fields "
                            + columns);
                }
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < columns.size(); i++) {
                    JsonNode value = row.get(columns.get(i));
                    if (value == null || !(value.isValueNode())) {
                        throw MlforgeException.invalidParameter("entity_rows[" + index + "]." + columns.get(i)
                                + " must be a number, string, boolean or null");
                    }
                    line.append(i == 0 ? "" : ",").append(value.isNull() ? "" : csv(value.asText()));
                }
                out.write(line.append('\n').toString());
                index++;
            }
        }
    }

    private static String csv(String value) {
        boolean quote = value.isEmpty() || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw MlforgeException.invalidParameter("'" + field + "' must be a non-empty string, got " + value);
        }
        return value.asText();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the work dir is the server's own
            }
        }
    }
}
