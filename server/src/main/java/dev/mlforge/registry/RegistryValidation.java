package dev.mlforge.registry;

import dev.mlforge.http.MlforgeException;
import java.util.Locale;
import java.util.regex.Pattern;

/** MLflow's validation rules for registry names, versions, tags and aliases (mlflow/utils/validation.py). */
final class RegistryValidation {
    /** The alias MLflow reserves for a model's newest version: it cannot be set, and reading it answers that version. */
    static final String LATEST_ALIAS = "latest";
    static final int MAX_TAG_KEY = 250;
    static final int MAX_TAG_VALUE = 5000;
    static final int MAX_NAME = 256;
    static final int MAX_ALIAS = 255;
    private static final Pattern TAG_KEY = Pattern.compile("^[/\\w.\\- ]*$");
    private static final Pattern ALIAS = Pattern.compile("^[\\w\\-]*$");
    private static final Pattern VERSION_LIKE = Pattern.compile("^[vV]\\d+$");

    private RegistryValidation() {}

    static String modelName(String name) {
        if (name == null || name.isEmpty()) {
            throw MlforgeException.invalidParameter("Registered model name cannot be empty.");
        }
        if (name.length() > MAX_NAME) {
            throw MlforgeException.invalidParameter("Registered model name '" + name.substring(0, 32)
                    + "...' is longer than " + MAX_NAME + " characters.");
        }
        return name;
    }

    static int version(String version) {
        try {
            int number = Integer.parseInt(version.trim());
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException | NullPointerException e) {
            throw MlforgeException.invalidParameter("Model version must be an integer, got '" + version + "'");
        }
    }

    static void tag(String key, String value) {
        if (key == null || key.isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'key'.");
        }
        if (!TAG_KEY.matcher(key).matches() || key.startsWith("/") || key.contains("..")) {
            throw MlforgeException.invalidParameter("Invalid tag name: '" + key + "'. Names may only contain alphanumerics, "
                    + "underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/), and must not start with '/' "
                    + "or contain '..'.");
        }
        if (key.length() > MAX_TAG_KEY) {
            throw MlforgeException.invalidParameter("Tag key '" + key.substring(0, 32) + "...' had length " + key.length()
                    + ", which exceeded length limit of " + MAX_TAG_KEY);
        }
        if (value != null && value.length() > MAX_TAG_VALUE) {
            throw MlforgeException.invalidParameter("Tag value for key '" + key + "' had length " + value.length()
                    + ", which exceeded length limit of " + MAX_TAG_VALUE);
        }
    }

    static String alias(String alias) {
        if (alias == null || alias.isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'alias'.");
        }
        if (!ALIAS.matcher(alias).matches()) {
            throw MlforgeException.invalidParameter("Invalid alias name: '" + alias + "'. Names may only contain "
                    + "alphanumerics, underscores (_), and dashes (-).");
        }
        if (alias.length() > MAX_ALIAS) {
            throw MlforgeException.invalidParameter("Alias name '" + alias.substring(0, 32) + "...' had length "
                    + alias.length() + ", which exceeded length limit of " + MAX_ALIAS);
        }
        if (VERSION_LIKE.matcher(alias).matches()) {
            throw MlforgeException.invalidParameter("Invalid alias name: '" + alias + "'. Alias must not be a version "
                    + "number such as 'v1'.");
        }
        if (alias.toLowerCase(Locale.ROOT).equals(LATEST_ALIAS)) {
            throw MlforgeException.invalidParameter("'" + alias + "' alias name (case insensitive) is reserved.");
        }
        return alias;
    }

    static int maxResults(Integer requested, int defaultValue, int limit) {
        if (requested == null) {
            return defaultValue;
        }
        if (requested < 1 || requested > limit) {
            throw MlforgeException.invalidParameter("Invalid value for max_results. It must be at most " + limit
                    + " and at least 1, but got value " + requested);
        }
        return requested;
    }
}
