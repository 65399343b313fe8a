package dev.mlforge.training;

import dev.mlforge.http.MlforgeException;
import java.util.List;

/**
 * A declared parameter of a trainer: its name, type, default and, for strings, the allowed choices.
 * {@link #coerce} turns a YAML, JSON or command-line value into the declared type with a clear error.
 */
public record ParameterSpec(String name, Kind kind, Object defaultValue, List<String> choices, String description) {
    public enum Kind { INT, DOUBLE, STRING }

    public static ParameterSpec integer(String name, int defaultValue, String description) {
        return new ParameterSpec(name, Kind.INT, defaultValue, List.of(), description);
    }

    public static ParameterSpec decimal(String name, double defaultValue, String description) {
        return new ParameterSpec(name, Kind.DOUBLE, defaultValue, List.of(), description);
    }

    public static ParameterSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParameterSpec(name, Kind.STRING, defaultValue, List.copyOf(choices), description);
    }

    Object coerce(String trainer, Object value) {
        if (value == null) {
            return defaultValue;
        }
        String text = value.toString().strip();
        try {
            return switch (kind) {
                case INT -> value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                        ? number.intValue() : Integer.parseInt(text);
                case DOUBLE -> value instanceof Number number ? number.doubleValue() : Double.parseDouble(text);
                case STRING -> {
                    if (!choices.isEmpty() && !choices.contains(text)) {
                        throw MlforgeException.invalidParameter("Trainer '" + trainer + "': parameter '" + name + "' must be one of "
                                + choices + ", got '" + text + "'");
                    }
                    yield text;
                }
            };
        } catch (NumberFormatException e) {
            throw MlforgeException.invalidParameter("Trainer '" + trainer + "': parameter '" + name + "' must be "
                    + (kind == Kind.INT ? "an integer" : "a number") + ", got '" + text + "'");
        }
    }
}
