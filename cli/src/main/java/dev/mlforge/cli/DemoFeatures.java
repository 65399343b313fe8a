package dev.mlforge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's feature store step: the wine rows as a feature view keyed by {@code wine_id} (one measurement an hour),
 * applied, materialized into the online store, and one wine looked up through Feast's {@code /get-online-features}.
 */
final class DemoFeatures {
    static final String VIEW = "wine_features";
    private static final List<String> SHOWN = List.of("alcohol", "color_intensity", "proline");
    private static final Instant FIRST = Instant.parse("2024-01-01T00:00:00Z");

    private final DemoClient client;
    private final Path dataDir;

    DemoFeatures(DemoClient client, Path dataDir) {
        this.client = client;
        this.dataDir = dataDir;
    }

    /** Defines and materializes the view over {@code wineCsv}; answers the line the demo prints. */
    String run(byte[] wineCsv, String label) {
        List<String> lines = new String(wineCsv, StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        List<String> header = List.of(lines.get(0).split(","));
        List<String> features = header.stream().filter(column -> !column.equals(label)).toList();
        StringBuilder csv = new StringBuilder("wine_id,event_timestamp," + String.join(",", features) + "\n");
        for (int row = 1; row < lines.size(); row++) {
            String[] cells = lines.get(row).split(",");
            csv.append(row).append(',').append(FIRST.plusSeconds(3600L * row));
            for (String feature : features) {
                csv.append(',').append(cells[header.indexOf(feature)]);
            }
            csv.append('\n');
        }
        Path file = dataDir.resolve("demo/wine_features.csv");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map<String, String>> schema = new ArrayList<>();
        features.forEach(feature -> schema.add(Map.of("name", feature, "dtype", "Float64")));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", VIEW);
        view.put("entities", List.of("wine"));
        view.put("source", Map.of("path", "demo/wine_features.csv"));
        view.put("timestamp_field", "event_timestamp");
        view.put("features", schema);
        client.post("/api/v1/features/apply", Map.of("entities", List.of(Map.of("name", "wine", "join_key", "wine_id")),
                "feature_views", List.of(view)));
        JsonNode state = client.post("/api/v1/feature-views/" + VIEW + "/materialize", Map.of()).path("materialization");
        JsonNode online = client.post("/get-online-features", Map.of("features",
                SHOWN.stream().map(feature -> VIEW + ":" + feature).toList(), "entities", Map.of("wine_id", List.of(1))));
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < SHOWN.size(); i++) {
            JsonNode result = online.path("results").get(i + 1);
            shown.add(SHOWN.get(i) + "=" + result.path("values").get(0).asText() + " (" + result.path("statuses").get(0).asText() + ")");
        }
        return String.format("Features   view '%s' (%d features keyed by wine_id) materialized %d rows online; "
                + "POST /get-online-features wine_id=1: %s", VIEW, features.size(), state.path("rows_written").asLong(),
                String.join(", ", shown));
    }
}
