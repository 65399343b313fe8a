package dev.mlforge.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON names of an api-model record's components, in declaration order: what a reader that parses a body field by
 * field accepts, so that the fields it allows and the schema the OpenAPI description shows are one list.
 */
public final class WireFields {
    private WireFields() {}

    /** The {@code @JsonProperty} names of {@code type}'s components (a component without one by its own name). */
    public static List<String> of(Class<? extends Record> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            // @JsonProperty does not target record components: javac keeps it on the accessor (and field, parameter)
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            names.add(property == null || property.value().isEmpty() ? component.getName() : property.value());
        }
        return List.copyOf(names);
    }
}
