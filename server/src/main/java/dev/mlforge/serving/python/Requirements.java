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
        try {
            Path requirements = modelDirectory.resolve("requirements.txt");
            if (Files.isRegularFile(requirements)) {
                return names(Files.readAllLines(requirements));
            }
            Path conda = modelDirectory.resolve("conda.yaml");
            if (Files.isRegularFile(conda)) {
                return names(pipSection(new YAMLMapper().readTree(conda.toFile())));
            }
        } catch (IOException e) {
            // an unreadable list checks nothing; the worker's import errors still name what is missing
        }
        return List.of();
    }

    static List<String> names(List<String> lines) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("-")) {
                continue;
            }
            Matcher matcher = NAME.matcher(trimmed);
            if (matcher.find()) {
                String name = matcher.group(1);
                if (!NOT_NEEDED.contains(name.toLowerCase(Locale.ROOT).replace('_', '-'))) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }

    private static List<String> pipSection(JsonNode conda) {
        List<String> lines = new ArrayList<>();
        for (JsonNode dependency : conda.path("dependencies")) {
            dependency.path("pip").forEach(line -> lines.add(line.asText()));
        }
        return lines;
    }
}
