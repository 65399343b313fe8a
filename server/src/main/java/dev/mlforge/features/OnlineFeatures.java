package dev.mlforge.features;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.features.OnlineStore.OnlineRow;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Online lookups answered in Feast's {@code /get-online-features} shape: {@code metadata.feature_names} (the entity
 * columns, then the features), and {@code results}, one per name, each with the {@code values}, {@code statuses}
 * ({@code PRESENT}, {@code NOT_FOUND}, {@code OUTSIDE_MAX_AGE}) and {@code event_timestamps} of every entity row.
 * A value older than its view's TTL is reported as Feast's feature server does: null, with status OUTSIDE_MAX_AGE.
 */
public final class OnlineFeatures {
    private static final String EPOCH = "1970-01-01T00:00:00Z";
    static final int MAX_ROWS = 10_000;

    private final FeatureCatalog catalog;
    private final OnlineStore online;
    private final Clock clock;

    OnlineFeatures(FeatureCatalog catalog, OnlineStore online, Clock clock) {
        this.catalog = catalog;
        this.online = online;
        this.clock = clock;
    }

    /** A Feast request: {@code features} or {@code feature_service}, {@code entities}, {@code full_feature_names}. */
    public ObjectNode get(JsonNode request) {
        try {
            return (ObjectNode) Json.mapper().readTree(answer(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As {@link #get(JsonNode)}, the answer as JSON bytes written straight from the online rows: the hot path of
     * {@code /get-online-features}, which builds no tree (a tree node per value was most of a lookup's allocations).
     */
    public byte[] answer(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw MlforgeException.invalidParameter("The request must be a JSON object with 'entities' and 'features' or "
                    + "'feature_service'");
        }
        JsonNode features = request.get("features");
        JsonNode service = request.get("feature_service");
        List<String> references = features == null || features.isNull() ? null
                : DefinitionCodec.textList(features, "'features'");
        if (service != null && !service.isNull() && !service.isTextual()) {
            throw MlforgeException.invalidParameter("'feature_service' must be a string, got " + service);
        }
        JsonNode fullNames = request.get("full_feature_names");
        if (fullNames != null && !fullNames.isNull() && !fullNames.isBoolean()) {
            throw MlforgeException.invalidParameter("'full_feature_names' must be true or false, got " + fullNames);
        }
        Map<FeatureView, List<FeatureField>> resolved = catalog.resolve(references,
                service == null || service.isNull() ? null : service.asText());
        Map<String, List<JsonNode>> entities = entities(request.get("entities"));
        AnswerBytes bytes = new AnswerBytes();
        try (JsonGenerator out = Json.mapper().getFactory().createGenerator(bytes)) {
            write(out, entities, resolved, fullNames != null && fullNames.asBoolean());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The answer's bytes: the generator buffers up to 8,000 bytes itself and hands them over in one write when it
     * closes, so an answer of that size is copied once, at its size. A {@code ByteArrayOutputStream} in between
     * (sized by a guess, then copied out) was about a fifth of the bytes a one-entity lookup allocated.
     */
    private static final class AnswerBytes extends OutputStream {
        private byte[] first;
        private ByteArrayOutputStream more;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (first == null && more == null) {
                first = Arrays.copyOfRange(b, off, off + len);
                return;
            }
            if (more == null) {
                more = new ByteArrayOutputStream(2 * (first.length + len));
                more.writeBytes(first);
                first = null;
            }
            more.write(b, off, len);
        }

        byte[] toByteArray() {
            return more != null ? more.toByteArray() : first != null ? first : new byte[0];
        }
    }

    /** The entity columns of a request: join key to its values, every list as long as the others. */
    static Map<String, List<JsonNode>> entities(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw MlforgeException.invalidParameter("'entities' must be an object of join key to a list of values, "
                    + "like {\"driver_id\": [1001, 1002]}");
        }
        Map<String, List<JsonNode>> columns = new LinkedHashMap<>();
        int rows = -1;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode values = field.getValue();
            if (!values.isArray()) {
                throw MlforgeException.invalidParameter("entities '" + field.getKey() + "' must be a list of values, got " + values);
            }
            if (rows >= 0 && values.size() != rows) {
                throw MlforgeException.invalidParameter("All entity lists must have the same length: '" + field.getKey() + "' has "
                        + values.size() + " values, the others " + rows);
            }
            rows = values.size();
            List<JsonNode> list = new ArrayList<>();
            for (JsonNode value : values) {
                if (!value.isNumber() && !value.isTextual()) {
                    throw MlforgeException.invalidParameter("entities '" + field.getKey()
                            + "' values must be numbers or strings, got " + value);
                }
                list.add(value);
            }
            columns.put(field.getKey(), list);
        }
        if (rows == 0 || rows > MAX_ROWS) {
            throw MlforgeException.invalidParameter("'entities' must hold between 1 and " + MAX_ROWS + " rows, got " + rows);
        }
        return columns;
    }

    private void write(JsonGenerator out, Map<String, List<JsonNode>> entities, Map<FeatureView, List<FeatureField>> resolved,
            boolean fullNames) throws IOException {
        int rows = entities.values().iterator().next().size();
        // each view's online rows in entity-row order (null: not found), read before writing anything so errors stay 4xx
        List<List<OnlineRow>> viewRows = new ArrayList<>(resolved.size());
        for (FeatureView view : resolved.keySet()) {
            List<String> keys = keysOf(view, entities, rows, EntityKeys::fromJson);
            Map<String, OnlineRow> found = online.read(view.name(), distinct(keys));
            List<OnlineRow> ordered = new ArrayList<>(rows);
            keys.forEach(key -> ordered.add(found.get(key)));
            viewRows.add(ordered);
        }
        out.writeStartObject();
        out.writeObjectFieldStart("metadata");
        out.writeArrayFieldStart("feature_names");
        for (String column : entities.keySet()) {
            out.writeString(column);
        }
        for (Map.Entry<FeatureView, List<FeatureField>> entry : resolved.entrySet()) {
            for (FeatureField feature : entry.getValue()) {
                out.writeString(fullNames ? entry.getKey().name() + "__" + feature.name() : feature.name());
            }
        }
        out.writeEndArray();
        out.writeEndObject();
        out.writeArrayFieldStart("results");
        for (List<JsonNode> column : entities.values()) {
            out.writeStartObject();
            out.writeArrayFieldStart("values");
            for (JsonNode value : column) {
                writeEntityValue(out, value);
            }
            out.writeEndArray();
            writeRepeated(out, "statuses", "PRESENT", rows);
            writeRepeated(out, "event_timestamps", EPOCH, rows);
            out.writeEndObject();
        }
        long now = clock.millis();
        int index = 0;
        for (Map.Entry<FeatureView, List<FeatureField>> entry : resolved.entrySet()) {
            FeatureView view = entry.getKey();
            long oldest = view.ttlSeconds() > 0 ? now - view.ttlSeconds() * 1000 : Long.MIN_VALUE;
            List<OnlineRow> found = viewRows.get(index++);
            String[] stamps = new String[rows];
            for (int row = 0; row < rows; row++) {
                stamps[row] = found.get(row) == null ? EPOCH : Timestamps.iso(found.get(row).eventMillis());
            }
            for (FeatureField feature : entry.getValue()) {
                writeFeature(out, found, stamps, feature.name(), oldest);
            }
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    /**
     * The online values of the features named ({@code references} or a feature service's) for entity rows given as
     * join key to its values (numbers or strings): what {@code /get-online-features} answers, as arrays for a
     * deployment's model inputs. {@code values[row][i]} is null unless {@code statuses[row][i]} is PRESENT.
     */
    public Lookup lookup(List<String> references, String service, Map<String, List<Object>> entities) {
        Map<FeatureView, List<FeatureField>> resolved = catalog.resolve(references, service);
        int rows = entities.isEmpty() ? 0 : entities.values().iterator().next().size();
        if (entities.values().stream().anyMatch(column -> column.size() != rows)) {
            throw MlforgeException.invalidParameter("All entity key columns must have the same number of rows");
        }
        if (rows == 0 || rows > MAX_ROWS) {
            throw MlforgeException.invalidParameter("A request must carry between 1 and " + MAX_ROWS + " entity rows, got " + rows);
        }
        List<String> names = new ArrayList<>();
        resolved.forEach((view, fields) -> fields.forEach(field -> names.add(view.name() + ":" + field.name())));
        Object[][] values = new Object[rows][names.size()];
        String[][] statuses = new String[rows][names.size()];
        long now = clock.millis();
        int column = 0;
        for (Map.Entry<FeatureView, List<FeatureField>> entry : resolved.entrySet()) {
            FeatureView view = entry.getKey();
            List<String> keys = keysOf(view, entities, rows, part -> part);
            Map<String, OnlineRow> found = online.read(view.name(), distinct(keys));
            long oldest = view.ttlSeconds() > 0 ? now - view.ttlSeconds() * 1000 : Long.MIN_VALUE;
            for (FeatureField feature : entry.getValue()) {
                for (int row = 0; row < rows; row++) {
                    OnlineRow stored = found.get(keys.get(row));
                    statuses[row][column] = status(stored, feature.name(), oldest);
                    values[row][column] = "PRESENT".equals(statuses[row][column]) ? stored.values().get(feature.name()) : null;
                }
                column++;
            }
        }
        return new Lookup(List.copyOf(names), values, statuses);
    }

    /** {@link #lookup}'s answer: {@code values[row][i]} is feature {@code references.get(i)} of entity row {@code row}. */
    public record Lookup(List<String> references, Object[][] values, String[][] statuses) {}

    private static String status(OnlineRow row, String feature, long oldest) {
        return row == null ? "NOT_FOUND" : row.eventMillis() < oldest ? "OUTSIDE_MAX_AGE"
                : row.values().get(feature) == null ? "NULL_VALUE" : "PRESENT";
    }

    /**
     * One feature's result across the entity rows: values, then statuses, then event times ({@code stamps}, each row's
     * formatted once for all its features).
     */
    private static void writeFeature(JsonGenerator out, List<OnlineRow> rows, String[] stamps, String feature, long oldest)
            throws IOException {
        out.writeStartObject();
        out.writeArrayFieldStart("values");
        for (OnlineRow row : rows) {
            if (row == null || row.eventMillis() < oldest) {
                out.writeNull();
            } else {
                writeValue(out, row.values().get(feature));
            }
        }
        out.writeEndArray();
        out.writeArrayFieldStart("statuses");
        for (OnlineRow row : rows) {
            out.writeString(status(row, feature, oldest));
        }
        out.writeEndArray();
        out.writeArrayFieldStart("event_timestamps");
        for (String stamp : stamps) {
            out.writeString(stamp);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    /**
     * A stored value, written directly when it is a plain JSON scalar: {@code writeObject} goes through the mapper,
     * which builds a serializer provider for every value (ten of them were a large share of a lookup's allocations).
     */
    private static void writeValue(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof Double number) {
            out.writeNumber(number);
        } else if (value instanceof Integer number) {
            out.writeNumber(number);
        } else if (value instanceof Long number) {
            out.writeNumber(number);
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Boolean flag) {
            out.writeBoolean(flag);
        } else {
            out.writeObject(value);
        }
    }

    /** A request's entity value (a JSON number or string), written without going through the mapper when it can be. */
    private static void writeEntityValue(JsonGenerator out, JsonNode value) throws IOException {
        if (value.isTextual()) {
            out.writeString(value.textValue());
        } else if (value.isInt() || value.isLong()) {
            out.writeNumber(value.longValue());
        } else {
            out.writeTree(value);
        }
    }

    /** The keys to read, each once: a single row's key list as it is (no set for the common one-entity lookup). */
    private static java.util.Collection<String> distinct(List<String> keys) {
        return keys.size() == 1 ? keys : new HashSet<>(keys);
    }

    private static void writeRepeated(JsonGenerator out, String field, String value, int times) throws IOException {
        out.writeArrayFieldStart(field);
        for (int i = 0; i < times; i++) {
            out.writeString(value);
        }
        out.writeEndArray();
    }

    private <T> List<String> keysOf(FeatureView view, Map<String, List<T>> entities, int rows,
            java.util.function.Function<T, Object> part) {
        List<String> joinKeys = catalog.joinKeys(view);
        for (String joinKey : joinKeys) {
            if (!entities.containsKey(joinKey)) {
                throw MlforgeException.invalidParameter("Feature view '" + view.name() + "' is keyed by '" + joinKey
                        + "', which 'entities' does not give (it gives " + entities.keySet() + ")");
            }
        }
        List<String> keys = new ArrayList<>(rows);
        if (joinKeys.size() == 1) {
            List<T> column = entities.get(joinKeys.get(0));
            for (int row = 0; row < rows; row++) {
                keys.add(EntityKeys.part(part.apply(column.get(row))));
            }
            return keys;
        }
        for (int row = 0; row < rows; row++) {
            List<Object> parts = new ArrayList<>(joinKeys.size());
            for (String joinKey : joinKeys) {
                parts.add(part.apply(entities.get(joinKey).get(row)));
            }
            keys.add(EntityKeys.encode(parts));
        }
        return keys;
    }
}
