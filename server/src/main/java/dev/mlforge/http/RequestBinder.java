package dev.mlforge.http;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the fields of an {@link MlflowRequest} onto an api-model request record, component by component, through
 * {@code MlflowRequest}'s own readers: the wire names are the components' {@code @JsonProperty} names (a
 * {@code @JsonAlias} is read when the name is absent or empty, as MLflow reads {@code run_uuid} for {@code run_id}),
 * and every value keeps MlflowRequest's leniency and MLflow-worded errors. Jackson's databind is not used because
 * its coercions and messages differ from MLflow's. Required fields are left to the caller.
 */
final class RequestBinder {
    private static final ClassValue<Binding> BINDINGS = new ClassValue<>() {
        @Override
        protected Binding computeValue(Class<?> type) {
            return Binding.of(type);
        }
    };

    private RequestBinder() {
    }

    static <R extends Record> R bind(MlflowRequest request, Class<R> type) {
        return type.cast(BINDINGS.get(type).bind(request));
    }

    /** A JSON object element of a repeated message field; anything else gets MLflow-style refusal. */
    static ObjectNode object(JsonNode node) {
        if (!node.isObject()) {
            throw MlforgeException.invalidParameter("Invalid value " + node + " supplied: expected a JSON object");
        }
        return (ObjectNode) node;
    }

    /** How to build one record type: its canonical constructor and one reader per component. */
    private record Binding(Constructor<?> constructor, List<Field> fields) {
        static Binding of(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type + " is not a record");
            }
            RecordComponent[] components = type.getRecordComponents();
            List<Field> fields = new ArrayList<>();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                fields.add(Field.of(components[i]));
            }
            try {
                return new Binding(type.getDeclaredConstructor(types), List.copyOf(fields));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("No canonical constructor on " + type, e);
            }
        }

        Object bind(MlflowRequest request) {
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = fields.get(i).read(request);
            }
            try {
                return constructor.newInstance(values);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("Building " + constructor.getDeclaringClass().getSimpleName(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Building " + constructor.getDeclaringClass().getSimpleName(), e);
            }
        }
    }

    /** One component: its wire name, aliases, and the kind of value it holds. */
    private record Field(String name, List<String> aliases, Class<?> type, Class<?> element) {
        static Field of(RecordComponent component) {
            // Jackson's annotations do not target record components: they land on the accessor (and field, parameter).
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            if (property == null) {
                throw new IllegalStateException(component + " has no @JsonProperty name");
            }
            JsonAlias alias = component.getAccessor().getAnnotation(JsonAlias.class);
            Class<?> element = null;
            if (component.getType() == List.class) {
                element = (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            }
            return new Field(property.value(), alias == null ? List.of() : List.of(alias.value()), component.getType(), element);
        }

        Object read(MlflowRequest request) {
            String field = wireName(request);
            if (type == String.class) {
                return request.optionalString(field);
            } else if (type == Long.class) {
                return request.optionalLong(field);
            } else if (type == Integer.class) {
                return request.optionalInt(field);
            } else if (type == Double.class) {
                return request.optionalDouble(field);
            } else if (type == Boolean.class) {
                return request.optionalBoolean(field);
            } else if (type == List.class && element == String.class) {
                return request.stringList(field);
            } else if (type == List.class && element.isRecord()) {
                Binding binding = BINDINGS.get(element);
                return request.objectList(field).stream()
                        .map(node -> binding.bind(MlflowRequest.of(object(node)))).toList();
            } else if (type == java.util.Map.class) {
                JsonNode node = request.node(field);
                return node == null || node.isNull() ? null : Json.mapper().convertValue(object(node), java.util.Map.class);
            } else if (type.isRecord()) {
                JsonNode node = request.node(field);
                return node == null ? null : BINDINGS.get(type).bind(MlflowRequest.of(object(node)));
            }
            throw new IllegalStateException("No reader for " + type + " (field '" + name + "')");
        }

        /** The name to read: this field's, or the first alias present when this one is absent or empty. */
        private String wireName(MlflowRequest request) {
            if (aliases.isEmpty() || present(request, name)) {
                return name;
            }
            return aliases.stream().filter(alias -> present(request, alias)).findFirst().orElse(name);
        }

        private static boolean present(MlflowRequest request, String field) {
            JsonNode node = request.node(field);
            return node != null && !(node.isTextual() && node.asText().isEmpty());
        }
    }
}
