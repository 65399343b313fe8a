package dev.mlforge.pipelines;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mlforge.http.MlforgeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pipeline YAML file into a {@link PipelineDefinition}, substituting {@code ${params.name}} and checking
 * everything that can be checked before running: structure, step types, references, cycles. Every error is an
 * INVALID_PARAMETER_VALUE whose message names the place ({@code steps[train].inputs.data}) and what was expected.
 */
public final class PipelineParser {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,127}");
    private static final Pattern PARAM = Pattern.compile("\\$\\{params\\.([A-Za-z0-9_.-]+)}");
    private static final Set<String> TOP_KEYS = Set.of("name", "experiment", "description", "params", "steps");
    private static final Set<String> STEP_KEYS = Set.of("name", "uses", "inputs", "with", "depends_on", "when", "retries",
            "retry_backoff_ms", "timeout_seconds", "cache");

    private final StepCatalog catalog;

    public PipelineParser(StepCatalog catalog) {
        this.catalog = catalog;
    }

    public PipelineDefinition parse(String yaml, Map<String, String> overrides) {
        JsonNode root = readTree(yaml);
        if (root == null || !root.isObject()) {
            throw error("the pipeline file must be a YAML mapping with 'name' and 'steps'");
        }
        unknownKeys(root, TOP_KEYS, "the pipeline");
        String name = requiredText(root, "name", "the pipeline");
        requireName(name, "name");
        String experiment = root.hasNonNull("experiment") ? root.get("experiment").asText() : name;
        Map<String, Object> params = params(root.get("params"), overrides);
        JsonNode stepsNode = root.get("steps");
        if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty()) {
            throw error("'steps' must be a non-empty list of steps");
        }
        List<StepDefinition> steps = new ArrayList<>();
        for (int i = 0; i < stepsNode.size(); i++) {
            StepDefinition step = step(stepsNode.get(i), i, params);
            if (steps.stream().anyMatch(other -> other.name().equals(step.name()))) {
                throw error("steps[" + i + "]: duplicate step name '" + step.name() + "'");
            }
            steps.add(step);
        }
        checkReferences(steps);
        return new PipelineDefinition(name, experiment, params, TopologicalOrder.sort(steps), yaml);
    }

    private static JsonNode readTree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw error("invalid YAML" + where + ": " + e.getOriginalMessage());
        }
    }

    private static Map<String, Object> params(JsonNode node, Map<String, String> overrides) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (node != null && !node.isNull()) {
            if (!node.isObject()) {
                throw error("'params' must be a mapping of parameter names to default values");
            }
            node.fields().forEachRemaining(field -> params.put(field.getKey(), YAML.convertValue(field.getValue(), Object.class)));
        }
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            if (!params.containsKey(override.getKey())) {
                throw error("unknown parameter '" + override.getKey() + "'; the pipeline declares " + params.keySet());
            }
            params.put(override.getKey(), override.getValue());
        }
        return params;
    }

    private StepDefinition step(JsonNode node, int index, Map<String, Object> params) {
        String place = "steps[" + index + "]";
        if (!node.isObject()) {
            throw error(place + " must be a mapping with 'name' and 'uses'");
        }
        String name = requiredText(node, "name", place);
        requireName(name, place + ".name");
        place = "steps[" + name + "]";
        unknownKeys(node, STEP_KEYS, place);
        String uses = requiredText(node, "uses", place);
        if (!catalog.knows(uses)) {
            throw error(place + ".uses: unknown step type '" + uses + "'; built-in types are " + catalog.builtInNames()
                    + ", or give the class name of a " + Step.class.getName() + " on the classpath");
        }
        Map<String, OutputReference> inputs = new LinkedHashMap<>();
        JsonNode inputsNode = node.get("inputs");
        if (inputsNode != null && !inputsNode.isNull()) {
            if (!inputsNode.isObject()) {
                throw error(place + ".inputs must be a mapping of input names to 'step.output' references");
            }
            String inputsPlace = place;
            inputsNode.fields().forEachRemaining(field -> inputs.put(field.getKey(),
                    reference(field.getValue().asText(), inputsPlace + ".inputs." + field.getKey())));
        }
        Map<String, Object> with = new LinkedHashMap<>();
        JsonNode withNode = node.get("with");
        if (withNode != null && !withNode.isNull()) {
            if (!withNode.isObject()) {
                throw error(place + ".with must be a mapping of parameters");
            }
            String withPlace = place + ".with";
            withNode.fields().forEachRemaining(field -> with.put(field.getKey(),
                    substitute(YAML.convertValue(field.getValue(), Object.class), params, withPlace + "." + field.getKey())));
        }
        List<String> dependsOn = new ArrayList<>();
        JsonNode dependsNode = node.get("depends_on");
        if (dependsNode != null && !dependsNode.isNull()) {
            if (dependsNode.isTextual()) {
                dependsOn.add(dependsNode.asText());
            } else if (dependsNode.isArray()) {
                dependsNode.forEach(item -> dependsOn.add(item.asText()));
            } else {
                throw error(place + ".depends_on must be a step name or a list of step names");
            }
        }
        OutputReference when = node.hasNonNull("when") ? reference(node.get("when").asText(), place + ".when") : null;
        int retries = (int) number(node, "retries", 0, 0, 10, place);
        long backoff = number(node, "retry_backoff_ms", 1000, 0, 3_600_000, place);
        long timeout = number(node, "timeout_seconds", 0, 0, 7 * 24 * 3600, place);
        boolean cache = !node.has("cache") || bool(node.get("cache"), place + ".cache");
        return new StepDefinition(name, uses, inputs, with, dependsOn, when, retries, backoff, timeout, cache);
    }

    private static OutputReference reference(String text, String place) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw error(place + ": expected a reference 'step.output', got '" + text + "'");
        }
        return new OutputReference(text.substring(0, dot), text.substring(dot + 1));
    }

    @SuppressWarnings("unchecked")
    private static Object substitute(Object value, Map<String, Object> params, String place) {
        if (value instanceof String text) {
            Matcher whole = PARAM.matcher(text);
            if (whole.matches()) {
                return param(whole.group(1), params, place);
            }
            Matcher matcher = PARAM.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(param(matcher.group(1), params, place))));
            }
            matcher.appendTail(out);
            return out.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, item) -> out.put(key, substitute(item, params, place + "." + key)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(substitute(list.get(i), params, place + "[" + i + "]"));
            }
            return out;
        }
        return value;
    }

    private static Object param(String name, Map<String, Object> params, String place) {
        if (!params.containsKey(name)) {
            throw error(place + ": unknown parameter '${params." + name + "}'; the pipeline declares " + params.keySet());
        }
        return params.get(name);
    }

    private static void checkReferences(List<StepDefinition> steps) {
        Set<String> names = new java.util.HashSet<>();
        steps.forEach(step -> names.add(step.name()));
        for (StepDefinition step : steps) {
            for (String upstream : step.upstream()) {
                if (!names.contains(upstream)) {
                    throw error("steps[" + step.name() + "] refers to an unknown step '" + upstream + "'; steps are " + names);
                }
                if (upstream.equals(step.name())) {
                    throw error("steps[" + step.name() + "] refers to itself");
                }
            }
        }
    }

    private static long number(JsonNode node, String key, long defaultValue, long min, long max, String place) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw error(place + "." + key + " must be an integer from " + min + " to " + max + ", got '" + value.asText() + "'");
        }
        return value.asLong();
    }

    private static boolean bool(JsonNode value, String place) {
        if (!value.isBoolean()) {
            throw error(place + " must be true or false, got '" + value.asText() + "'");
        }
        return value.asBoolean();
    }

    private static String requiredText(JsonNode node, String key, String place) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            throw error(place + ": missing '" + key + "'");
        }
        return value.asText();
    }

    private static void requireName(String name, String place) {
        if (!NAME.matcher(name).matches()) {
            throw error(place + ": '" + name + "' is not a valid name (a letter, then letters, digits, '_' or '-', at most 128)");
        }
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String place) {
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw error(place + ": unknown key '" + key + "'; allowed keys are " + new java.util.TreeSet<>(allowed));
            }
        });
    }

    static MlforgeException error(String message) {
        return MlforgeException.invalidParameter("Invalid pipeline: " + message);
    }
}
