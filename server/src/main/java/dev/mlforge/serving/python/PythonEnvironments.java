package dev.mlforge.serving.python;

import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Virtual environments built from models' requirements, so a model whose packages the configured interpreter lacks
 * can still be served: {@code <interpreter> -m venv --system-site-packages}, then {@code pip install} of the model's
 * requirement lines (MLflow itself left out: workers do not need it) from {@code serving.python.index-url}.
 *
 * <p>The interpreter's own packages stay visible, so pip installs only what is missing or pinned to another version,
 * and a model whose requirements are all present needs no index at all. Environments live under
 * {@code <data-dir>/python-envs/}, one per (interpreter, index, requirement lines), and are reused by every model and
 * deployment needing the same; one is complete once its {@code .mlforge-ready} marker exists, so a build cut short
 * (timeout, kill -9) is removed and redone by the next deploy that needs it.
 */
public final class PythonEnvironments {
    private static final Logger log = LoggerFactory.getLogger(PythonEnvironments.class);
    private static final String READY = ".mlforge-ready";
    private static final int ERROR_LINES = 6;

    private final Path root;
    private final PythonConfig config;
    private final ConcurrentHashMap<String, Object> building = new ConcurrentHashMap<>();

    public PythonEnvironments(Path root, PythonConfig config) {
        this.root = root;
        this.config = config;
    }

    boolean enabled() {
        return config.buildEnvironments();
    }

    /**
     * The interpreter of an environment holding {@code requirements}, built now unless an earlier deploy built it.
     * INVALID_PARAMETER_VALUE naming {@code missing} and pip's own error when it cannot be built.
     */
    String interpreterFor(List<String> requirements, List<String> missing, String label) {
        String key = key(requirements);
        Path environment = root.resolve(key);
        synchronized (building.computeIfAbsent(key, k -> new Object())) {
            if (!Files.exists(environment.resolve(READY))) {
                build(environment, requirements, missing, label);
            }
        }
        return python(environment).toString();
    }

    private void build(Path environment, List<String> requirements, List<String> missing, String label) {
        long started = System.nanoTime();
        log.info("Building a Python environment for {} (missing {}): {}", label, missing, requirements);
        try {
            WorkerScript.deleteTree(environment);
            Files.createDirectories(environment);
            run(List.of(config.interpreter(), "-m", "venv", "--system-site-packages", environment.toString()),
                    environment.resolve("venv.log"), missing, label);
            Path requirementsFile = environment.resolve("requirements.txt");
            Files.write(requirementsFile, requirements, StandardCharsets.UTF_8);
            List<String> pip = new ArrayList<>(List.of(python(environment).toString(), "-m", "pip", "install",
                    "--disable-pip-version-check", "--no-input", "--retries", "0", "--timeout", "30"));
            if (!config.indexUrl().isBlank()) {
                pip.addAll(List.of("--index-url", config.indexUrl()));
            }
            pip.addAll(List.of("-r", requirementsFile.toString()));
            run(pip, environment.resolve("pip.log"), missing, label);
            Files.writeString(environment.resolve(READY), String.join("\n", requirements) + "\n");
            log.info("Built the Python environment for {} in {} ms", label,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (IOException e) {
            throw refusal(missing, label, "cannot write the environment: " + hidePaths(String.valueOf(e.getMessage())));
        }
    }

    private void run(List<String> command, Path logFile, List<String> missing, String label) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        boolean done;
        try {
            done = process.waitFor(config.environmentTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw refusal(missing, label, "building it took longer than serving.python.environment-timeout ("
                    + config.environmentTimeout().toMillis() + " ms)");
        }
        if (process.exitValue() != 0) {
            throw refusal(missing, label, errorLines(logFile));
        }
    }

    private MlforgeException refusal(List<String> missing, String label, String cause) {
        String index = config.indexUrl().isBlank() ? "pip's configured index" : config.indexUrl();
        return MlforgeException.invalidParameter("Serving " + label + " needs Python packages that interpreter '"
                + config.interpreter() + "' (serving.python.interpreter) cannot import: " + missing
                + "; building an environment from the model's requirements with " + index
                + " (serving.python.index-url) failed: " + cause);
    }

    /** pip's own error lines (those it prefixes with {@code ERROR:}, else the last lines), without server paths. */
    private String errorLines(Path logFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "no output";
        }
        List<String> errors = lines.stream().filter(line -> line.startsWith("ERROR:")).toList();
        List<String> chosen = errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - ERROR_LINES), lines.size()) : errors;
        List<String> shown = chosen.subList(0, Math.min(ERROR_LINES, chosen.size()));
        return shown.isEmpty() ? "no output" : hidePaths(String.join(" | ", shown.stream().map(String::strip).toList()));
    }

    private String hidePaths(String text) {
        return text.replace(root.toAbsolutePath().toString(), "<python-envs>");
    }

    private String key(List<String> requirements) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((config.interpreter() + "\n" + config.indexUrl() + "\n" + String.join("\n", requirements))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path python(Path environment) {
        return environment.resolve("bin").resolve("python");
    }
}
