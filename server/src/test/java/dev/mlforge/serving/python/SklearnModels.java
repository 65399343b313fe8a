package dev.mlforge.serving.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes sklearn models as MLflow model directories by running Debian's python3 with scikit-learn on
 * {@code write_sklearn_model.py} (CI installs python3-sklearn, python3-pandas, python3-xgboost), with the held-out rows and the
 * model's own predictions for them; and finds the worker processes the server started.
 */
public final class SklearnModels {
    /** A written model: its directory, its signature's columns, held-out rows and sklearn's predictions of them. */
    public record Written(Path directory, List<String> columns, JsonNode rows, JsonNode predictions) {
        /** {@code {"dataframe_split": {"columns": [...], "data": [...]}}} of the held-out rows. */
        public Map<String, Object> dataframeSplit() {
            return Map.of("dataframe_split", Map.of("columns", columns, "data", rows));
        }
    }

    private SklearnModels() {}

    /** Debian's interpreter, which has scikit-learn (another python3 may come first on the PATH). */
    public static String interpreter() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** Writes a model of {@code kind} (classifier, labels, regressor, slow, broken, xgboost) in a new folder below {@code parent}. */
    public static Written write(String kind, Path parent, String extraRequirement) {
        try {
            Path directory = Files.createTempDirectory(parent, kind + "-").resolve("model");
            Path holdout = directory.resolveSibling("holdout.json");
            List<String> command = new ArrayList<>(List.of(interpreter(), script().toString(), kind,
                    directory.toString(), holdout.toString()));
            if (extraRequirement != null) {
                command.add(extraRequirement);
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("write_sklearn_model.py needs Debian's python3-sklearn, python3-pandas and python3-xgboost: "
                    + output).isZero();
            JsonNode written = Json.mapper().readTree(holdout.toFile());
            List<String> columns = new ArrayList<>();
            written.get("columns").forEach(column -> columns.add(column.asText()));
            return new Written(directory, columns, written.get("rows"), written.get("predictions"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path script() {
        try {
            return Path.of(SklearnModels.class.getResource("/dev/mlforge/serving/python/write_sklearn_model.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The live Python worker processes started by this JVM. */
    static List<ProcessHandle> workers() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(WorkerScript.SCRIPT))
                .toList();
    }

    static List<Long> workerPids() {
        return workers().stream().map(ProcessHandle::pid).toList();
    }
}
