package dev.mlforge.serving.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python distributions a logged model says it needs, read from its {@code requirements.txt} (which MLflow's
 * {@code python_env.yaml} includes with {@code -r}), else from the pip section of its {@code conda.yaml}. MLflow
 * itself is left out: the worker does not need it.
 */
final class Requirements {
    private static final Pattern NAME = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final Set<String> NOT_NEEDED = Set.of("mlflow", "mlflow-skinny", "mlflow-tracing", "pip",
            "setuptools", "wheel");

    private Requirements() {}

    /** Distribution names, in file order, without versions, extras or markers; empty when the model lists none. */
    static List<String> of(Path modelDirectory) {
        return names(specifiers(modelDirectory));
    }

    /**
     * The model's requirement lines as pip takes them (versions, extras and markers kept), without option lines
     * and without the distributions a worker does not need; empty when the model lists none.
     */
    static List<String> specifiers(Path modelDirectory) {
        try {
            Path requirements = modelDirectory.resolve("requirements.txt");
            if (Files.isRegularFile(requirements)) {
                return needed(Files.readAllLines(requirements));
            }
            Path conda = modelDirectory.resolve("conda.yaml");
            if (Files.isRegularFile(conda)) {
                return needed(pipSection(new YAMLMapper().readTree(conda.toFile())));
            }
        } catch (IOException e) {
            // an unreadable list checks nothing; the worker's import errors still name what is missing
        }
        return List.of();
    }

    static List<String> names(List<String> lines) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : needed(lines)) {
            names.add(name(line));
        }
        return List.copyOf(names);
    }

    private static List<String> needed(List<String> lines) {
        List<String> needed = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("-")) {
                continue;
            }
            String name = name(trimmed);
            if (name != null && !NOT_NEEDED.contains(name.toLowerCase(Locale.ROOT).replace('_', '-'))) {
                needed.add(trimmed);
            }
        }
        return needed;
    }

    private static String name(String line) {
        Matcher matcher = NAME.matcher(line);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static List<String> pipSection(JsonNode conda) {
        List<String> lines = new ArrayList<>();
        for (JsonNode dependency : conda.path("dependencies")) {
            dependency.path("pip").forEach(line -> lines.add(line.asText()));
        }
        return lines;
    }
}
