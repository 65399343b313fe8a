package dev.mlforge.serving;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a deployment request body into its wire record through the one mapper, strictly when asked (unknown fields
 * refused: a misspelt field would otherwise be ignored and the change silently not made), and turns Jackson's
 * errors into {@code INVALID_PARAMETER_VALUE} messages naming the field, without Jackson's internals.
 */
final class WireRequests {
    /** Each wire record's JSON field names (its {@code @JsonProperty} names) and their types, looked up once. */
    private static final ClassValue<Map<String, Class<?>>> WIRE_FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Class<?>> computeValue(Class<?> type) {
            Map<String, Class<?>> fields = new LinkedHashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
                JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
                fields.put(property == null ? component.getName() : property.value(), component.getType());
            }
            return Map.copyOf(fields);
        }
    };

    private static final Map<Class<?>, String> KINDS = Map.of(String.class, "a string", Integer.class, "a whole number",
            int.class, "a whole number", Long.class, "a whole number", long.class, "a whole number",
            Boolean.class, "true or false", boolean.class, "true or false");

    private WireRequests() {}

    static <T> T read(JsonNode body, Class<T> type, boolean refuseUnknown) {
        check(body, type, "", refuseUnknown);
        ObjectReader reader = Json.mapper().readerFor(type).without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        if (refuseUnknown) {
            reader = reader.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        }
        try {
            return reader.readValue(body);
        } catch (UnrecognizedPropertyException e) {
            String prefix = prefix(e);
            List<String> known = e.getKnownPropertyIds() == null ? List.of() : e.getKnownPropertyIds().stream()
                    .map(id -> prefix + id).sorted().toList();
            throw MlforgeException.invalidParameter("Unknown field [" + prefix + e.getPropertyName()
                    + "] in the deployment request; known fields: " + known);
        } catch (MismatchedInputException e) {
            throw MlforgeException.invalidParameter("Parameter '" + field(e) + "' must be " + kind(e.getTargetType()));
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("The deployment request is not valid");
        }
    }

    /**
     * Refuses, when {@code refuseUnknown}, every field of {@code node} that {@code type} does not declare, all of them
     * named at once; refuses a string or whole-number field sent as another JSON type (Jackson would coerce
     * {@code 5} to {@code "5"}); then looks into the nested wire records.
     */
    private static void check(JsonNode node, Class<?> type, String prefix, boolean refuseUnknown) {
        Map<String, Class<?>> known = WIRE_FIELDS.get(type);
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(field -> {
            if (!known.containsKey(field)) {
                unknown.add(prefix + field);
            }
        });
        if (refuseUnknown && !unknown.isEmpty()) {
            throw MlforgeException.invalidParameter("Unknown field" + (unknown.size() == 1 ? " " : "s ") + unknown
                    + " in the deployment request; known fields: " + known.keySet().stream().sorted()
                    .map(field -> prefix + field).toList());
        }
        known.forEach((field, fieldType) -> {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return;
            }
            boolean wrong = fieldType == String.class && !value.isTextual()
                    || fieldType == Integer.class && !value.isIntegralNumber()
                    || fieldType.isRecord() && !value.isObject();
            if (wrong) {
                throw MlforgeException.invalidParameter("Parameter '" + prefix + field + "' must be " + kind(fieldType));
            }
            if (fieldType.isRecord()) {
                check(value, fieldType, prefix + field + ".", refuseUnknown);
            }
        });
    }

    private static String prefix(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        return path.subList(0, Math.max(0, path.size() - 1)).stream().map(JsonMappingException.Reference::getFieldName)
                .map(name -> name + ".").collect(Collectors.joining());
    }

    private static String field(JsonMappingException e) {
        return e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (KINDS.containsKey(type)) {
            return KINDS.get(type);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return type == Object.class ? "a JSON value" : "a JSON object";
    }
}
