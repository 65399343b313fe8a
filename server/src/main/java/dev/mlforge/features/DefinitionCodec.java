package dev.mlforge.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.api.features.EntitySpec;
import dev.mlforge.api.features.FeatureServiceSpec;
import dev.mlforge.api.features.FeatureSourceSpec;
import dev.mlforge.api.features.FeatureViewSpec;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.WireFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads definitions as users write them (JSON, or the YAML the CLI turns into JSON, with Feast's field names) and
 * writes them back as JSON: the shape checks that need no other definition live here, with messages that name the
 * definition and the field.
 */
final class DefinitionCodec {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhdw]?)");
    // the fields each definition accepts are the wire records' (the OpenAPI description shows those)
    private static final List<String> ENTITY_FIELDS = WireFields.of(EntitySpec.class);
    private static final List<String> VIEW_FIELDS = WireFields.of(FeatureViewSpec.class);
    private static final List<String> SERVICE_FIELDS = WireFields.of(FeatureServiceSpec.class);
    private static final List<String> SOURCE_FIELDS = WireFields.of(FeatureSourceSpec.class);

    private DefinitionCodec() {}

    static EntityDefinition entity(JsonNode node) {
        requireObject(node, "entity");
        String name = name(node, "entity");
        allowOnly(node, "entity '" + name + "'", ENTITY_FIELDS);
        String joinKey = text(node, "join_key");
        if (node.has("join_keys")) {
            JsonNode keys = node.get("join_keys");
            if (!keys.isArray() || keys.size() != 1 || !keys.get(0).isTextual()) {
                throw invalid("entity '" + name + "': 'join_keys' must be a list of exactly one column name");
            }
            joinKey = keys.get(0).asText();
        }
        joinKey = joinKey == null ? name : joinKey;
        requireColumn(joinKey, "entity '" + name + "': join key");
        return new EntityDefinition(name, joinKey, description(node), 0, 0);
    }

    static FeatureView featureView(JsonNode node) {
        requireObject(node, "feature view");
        String name = name(node, "feature view");
        String where = "feature view '" + name + "'";
        allowOnly(node, where, VIEW_FIELDS);
        List<String> entities = textList(node.get("entities"), where + ": 'entities'");
        if (entities.isEmpty()) {
            throw invalid(where + ": 'entities' must name at least one entity");
        }
        JsonNode featureNodes = node.has("features") ? node.get("features") : node.get("schema");
        List<FeatureField> features = features(featureNodes, where);
        String timestampField = text(node, "timestamp_field");
        if (timestampField == null) {
            throw invalid(where + ": 'timestamp_field' is required (the source column holding each row's event time)");
        }
        requireColumn(timestampField, where + ": 'timestamp_field'");
        for (FeatureField feature : features) {
            if (feature.name().equals(timestampField)) {
                throw invalid(where + ": feature '" + feature.name() + "' is also the timestamp field");
            }
        }
        boolean online = !node.has("online") || bool(node.get("online"), where + ": 'online'");
        return new FeatureView(name, entities, features, source(node.get("source"), where), timestampField,
                ttlSeconds(node.get("ttl"), where), online, description(node), 0, 0);
    }

    static FeatureServiceDefinition featureService(JsonNode node) {
        requireObject(node, "feature service");
        String name = name(node, "feature service");
        String where = "feature service '" + name + "'";
        allowOnly(node, where, SERVICE_FIELDS);
        List<String> features = textList(node.get("features"), where + ": 'features'");
        if (features.isEmpty()) {
            throw invalid(where + ": 'features' must list at least one 'view:feature' or 'view'");
        }
        return new FeatureServiceDefinition(name, features, description(node), 0, 0);
    }

    /** A TTL as seconds: a whole number of seconds, or a number with a unit ({@code 90s}, {@code 2h}, {@code 30d}, {@code 1w}). */
    static long ttlSeconds(JsonNode ttl, String where) {
        if (ttl == null || ttl.isNull()) {
            return 0;
        }
        if (ttl.isIntegralNumber() && ttl.asLong() >= 0) {
            return ttl.asLong();
        }
        Matcher matcher = DURATION.matcher(ttl.isTextual() ? ttl.asText().trim() : "");
        if (!matcher.matches()) {
            throw invalid(where + ": 'ttl' must be whole seconds or a number with a unit s, m, h, d or w (like '30d'), got "
                    + ttl);
        }
        long amount = Long.parseLong(matcher.group(1));
        return amount * switch (matcher.group(2)) {
            case "m" -> 60L;
            case "h" -> 3600L;
            case "d" -> 86_400L;
            case "w" -> 604_800L;
            default -> 1L;
        };
    }

    private static List<FeatureField> features(JsonNode nodes, String where) {
        if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
            throw invalid(where + ": 'features' must list at least one feature as {name, dtype}");
        }
        List<FeatureField> features = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode feature : nodes) {
            if (!feature.isObject()) {
                throw invalid(where + ": each feature must be an object {name, dtype}, got " + feature);
            }
            String featureName = text(feature, "name");
            requireColumn(featureName, where + ": feature 'name'");
            String dtype = text(feature, "dtype");
            if (dtype == null) {
                throw invalid(where + ": feature '" + featureName + "' needs a 'dtype', one of " + FeatureField.DTYPES);
            }
            if (!FeatureField.DTYPES.contains(dtype)) {
                throw invalid(where + ": feature '" + featureName + "' has dtype '" + dtype + "'"
                        + "; expected one of " + FeatureField.DTYPES);
            }
            if (!seen.add(featureName)) {
                throw invalid(where + ": feature '" + featureName + "' is listed twice");
            }
            features.add(new FeatureField(featureName, dtype));
        }
        return features;
    }

    private static FeatureSource source(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw invalid(where + ": 'source' must be an object: {dataset: NAME, version: N|latest} or {path: FILE.csv|FILE.parquet}");
        }
        allowOnly(node, where + " source", SOURCE_FIELDS);
        String dataset = text(node, "dataset");
        String path = text(node, "path");
        String query = text(node, "query");
        if ((dataset == null ? 0 : 1) + (path == null ? 0 : 1) + (query == null ? 0 : 1) != 1) {
            throw invalid(where + ": 'source' must name exactly one of 'dataset', 'path' and 'query'");
        }
        if (query != null) {
            return new FeatureSource(null, null, null, query.strip());
        }
        if (dataset != null) {
            JsonNode version = node.get("version");
            String reference = version == null || version.isNull() ? "latest" : version.asText();
            if (!reference.equals("latest") && !reference.matches("[1-9][0-9]{0,8}")) {
                throw invalid(where + ": source 'version' must be a positive number or 'latest', got '" + reference + "'");
            }
            return new FeatureSource(dataset, reference, null);
        }
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        if (!lower.endsWith(".csv") && !lower.endsWith(".parquet")) {
            throw invalid(where + ": source path '" + path + "' must be a .csv or .parquet file");
        }
        return new FeatureSource(null, null, path);
    }

    static ObjectNode write(EntityDefinition entity) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", entity.name()).put("join_key", entity.joinKey()).put("description", entity.description());
        return versioned(node, entity.version(), entity.createdAt());
    }

    static ObjectNode write(FeatureView view) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", view.name());
        view.entities().forEach(node.putArray("entities")::add);
        ArrayNode features = node.putArray("features");
        view.features().forEach(feature -> features.addObject().put("name", feature.name()).put("dtype", feature.dtype()));
        ObjectNode source = node.putObject("source");
        if (view.source().isDataset()) {
            source.put("dataset", view.source().dataset()).put("version", view.source().datasetVersion());
        } else if (view.source().isQuery()) {
            source.put("query", view.source().query());
        } else {
            source.put("path", view.source().path());
        }
        node.put("timestamp_field", view.timestampField()).put("ttl", view.ttlSeconds()).put("online", view.online())
                .put("description", view.description());
        return versioned(node, view.version(), view.createdAt());
    }

    static ObjectNode write(FeatureServiceDefinition service) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", service.name());
        service.features().forEach(node.putArray("features")::add);
        node.put("description", service.description());
        return versioned(node, service.version(), service.createdAt());
    }

    /** The JSON kept in the store: the definition without its version and time, so that equal specs compare equal. */
    static String spec(ObjectNode written) {
        ObjectNode copy = written.deepCopy();
        copy.remove("version");
        copy.remove("created_at");
        return copy.toString();
    }

    private static ObjectNode versioned(ObjectNode node, int version, long createdAt) {
        if (version > 0) {
            node.put("version", version).put("created_at", createdAt);
        }
        return node;
    }

    static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A stored feature definition is not JSON: " + json, e);
        }
    }

    private static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw invalid("Each " + what + " must be a JSON object, got " + node);
        }
    }

    private static String name(JsonNode node, String what) {
        String name = text(node, "name");
        if (name == null || !NAME.matcher(name).matches()) {
            throw invalid("A " + what + " needs a 'name' of letters, digits, '_', '.' or '-' (at most 128, not starting "
                    + "with a digit), got " + (name == null ? "none" : "'" + name + "'"));
        }
        return name;
    }

    static void requireColumn(String column, String where) {
        if (column == null || column.isEmpty() || column.length() > 128 || column.chars().anyMatch(c -> c < 0x20 || c == '"')) {
            throw invalid(where + " must be a column name (1 to 128 characters, no quotes or control characters), got "
                    + (column == null ? "none" : "'" + column + "'"));
        }
    }

    private static void allowOnly(JsonNode node, String where, List<String> fields) {
        Set<String> allowed = Set.copyOf(fields);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!allowed.contains(field)) {
                throw invalid(where + ": unknown field '" + field + "' (allowed: " + String.join(", ", fields) + ")");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("'" + field + "' must be a string, got " + value);
        }
        return value.asText();
    }

    private static String description(JsonNode node) {
        String description = text(node, "description");
        return description == null ? "" : description;
    }

    private static boolean bool(JsonNode node, String where) {
        if (!node.isBoolean()) {
            throw invalid(where + " must be true or false, got " + node);
        }
        return node.asBoolean();
    }

    static List<String> textList(JsonNode node, String where) {
        if (node == null || !node.isArray()) {
            throw invalid(where + " must be a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node) {
            if (!value.isTextual() || value.asText().isEmpty()) {
                throw invalid(where + " must be a list of non-empty strings, got " + value);
            }
            values.add(value.asText());
        }
        return values;
    }

    static MlforgeException invalid(String message) {
        return MlforgeException.invalidParameter(message);
    }
}
