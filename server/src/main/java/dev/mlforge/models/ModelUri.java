package dev.mlforge.models;

import dev.mlforge.http.MlforgeException;
import java.util.Locale;

/**
 * A model URI as MLflow clients write it, parsed and printed only here: {@code models:/name/3},
 * {@code models:/name@alias}, {@code models:/name/Production}, {@code models:/name/latest},
 * {@code runs:/run_id/path} and MLflow 3's logged models, {@code models:/m-<id>}. {@link #toString()} prints it.
 */
public sealed interface ModelUri {
    String MODELS = "models:/";
    String RUNS = "runs:/";

    /** A registered model's version by number: {@code models:/name/3}. */
    record Version(String name, String version) implements ModelUri {
        @Override
        public String toString() {
            return MODELS + name + "/" + version;
        }
    }

    /** The version an alias points at: {@code models:/name@alias}. */
    record Alias(String name, String alias) implements ModelUri {
        @Override
        public String toString() {
            return MODELS + name + "@" + alias;
        }
    }

    /**
     * The newest version in a stage, {@code models:/name/Production}: any suffix that is neither a number nor
     * {@code latest}; the registry decides whether it names a stage.
     */
    record Stage(String name, String stage) implements ModelUri {
        @Override
        public String toString() {
            return MODELS + name + "/" + stage;
        }
    }

    /** The newest version of a registered model: {@code models:/name/latest}. */
    record Latest(String name) implements ModelUri {
        @Override
        public String toString() {
            return MODELS + name + "/latest";
        }
    }

    /** A file or folder of a run's artifacts: {@code runs:/run_id/path} ({@code path} may be empty). */
    record RunArtifact(String runId, String path) implements ModelUri {
        @Override
        public String toString() {
            return path.isEmpty() ? RUNS + runId : RUNS + runId + "/" + path;
        }
    }

    /** An MLflow 3 logged model: {@code models:/m-<id>}. */
    record LoggedModel(String modelId) implements ModelUri {
        @Override
        public String toString() {
            return MODELS + modelId;
        }
    }

    static Version version(String name, String version) {
        return new Version(name, version);
    }

    static Alias alias(String name, String alias) {
        return new Alias(name, alias);
    }

    static RunArtifact run(String runId, String path) {
        return new RunArtifact(runId, path == null ? "" : path);
    }

    /** True when {@code uri} starts with the {@code runs:/} scheme (in any case). */
    static boolean isRunUri(String uri) {
        return uri != null && uri.regionMatches(true, 0, RUNS, 0, RUNS.length());
    }

    /**
     * Parses a model URI; the scheme is matched in any case, extra slashes after it are ignored.
     *
     * @throws MlforgeException INVALID_PARAMETER_VALUE when {@code uri} is missing or not one of the forms above
     */
    static ModelUri parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw MlforgeException.invalidParameter("Missing model URI");
        }
        if (isRunUri(uri)) {
            return runArtifact(uri, uri.substring(RUNS.length()).replaceFirst("^/+", ""));
        }
        if (!uri.regionMatches(true, 0, MODELS, 0, MODELS.length())) {
            throw MlforgeException.invalidParameter("Unsupported model URI '" + uri
                    + "': expected models:/<name>/<version|stage|latest>, models:/<name>@<alias> or runs:/<run_id>/<path>");
        }
        return registered(uri, uri.substring(MODELS.length()).replaceFirst("^/+", ""));
    }

    private static RunArtifact runArtifact(String uri, String rest) {
        int slash = rest.indexOf('/');
        String runId = slash < 0 ? rest : rest.substring(0, slash);
        if (runId.isEmpty()) {
            throw MlforgeException.invalidParameter("Invalid model URI '" + uri + "': it names no run");
        }
        return new RunArtifact(runId, slash < 0 ? "" : rest.substring(slash + 1));
    }

    private static ModelUri registered(String uri, String path) {
        int slash = path.lastIndexOf('/');
        int at = path.lastIndexOf('@');
        if (at > slash && at > 0) {
            return new Alias(path.substring(0, at), path.substring(at + 1));
        }
        if (slash < 0 && path.startsWith("m-") && path.length() > 2) {
            return new LoggedModel(path);
        }
        if (slash <= 0 || slash == path.length() - 1) {
            throw MlforgeException.invalidParameter("Invalid model URI '" + uri
                    + "': expected models:/<name>/<version|stage|latest> or models:/<name>@<alias>");
        }
        String name = path.substring(0, slash);
        String suffix = path.substring(slash + 1);
        if (suffix.chars().allMatch(Character::isDigit)) {
            return new Version(name, suffix);
        }
        if (suffix.toLowerCase(Locale.ROOT).equals("latest")) {
            return new Latest(name);
        }
        return new Stage(name, suffix);
    }
}
