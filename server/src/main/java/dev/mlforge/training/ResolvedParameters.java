package dev.mlforge.training;

import dev.mlforge.http.MlforgeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A trainer's parameters after defaults and type coercion; unknown names are refused. */
public record ResolvedParameters(Map<String, Object> values) {
    public ResolvedParameters {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static ResolvedParameters resolve(String trainer, List<ParameterSpec> specs, Map<String, ?> given) {
        for (String key : given.keySet()) {
            if (specs.stream().noneMatch(spec -> spec.name().equals(key))) {
                throw MlforgeException.invalidParameter("Trainer '" + trainer + "' has no parameter '" + key + "'; it takes "
                        + specs.stream().map(ParameterSpec::name).toList());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec spec : specs) {
            values.put(spec.name(), spec.coerce(trainer, given.get(spec.name())));
        }
        return new ResolvedParameters(values);
    }

    int integer(String name) {
        return ((Number) values.get(name)).intValue();
    }

    double decimal(String name) {
        return ((Number) values.get(name)).doubleValue();
    }

    long seed() {
        return ((Number) values.get("seed")).longValue();
    }

    String string(String name) {
        return values.get(name).toString();
    }

    /** The values as strings, for logging as run parameters. */
    public Map<String, String> asStrings() {
        Map<String, String> strings = new LinkedHashMap<>();
        values.forEach((key, value) -> strings.put(key, String.valueOf(value)));
        return strings;
    }
}
