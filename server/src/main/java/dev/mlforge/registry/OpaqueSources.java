package dev.mlforge.registry;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sources whose files mlforge never reads, kept as written: a prompt version's (its template is in tags), such as
 * {@code dummy-source}, and a remote URI ({@code s3://bucket/model}). As in MLflow's handler, a local path
 * ({@code file:} or absolute) is refused for a prompt, and a path climbing out with {@code ..} (also percent-encoded)
 * or holding a NUL is refused for both.
 */
final class OpaqueSources {
    private OpaqueSources() {}

    /** The storage path such a version records: none (the empty path). */
    static String checked(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:") || source.startsWith("/") || source.startsWith("\\")) {
            throw dev.mlforge.http.MlforgeException.invalidParameter("Invalid prompt source: '" + source
                    + "'. Local source paths are not allowed for prompts.");
        }
        String decoded = source;
        for (int i = 0; i < 5 && decoded.indexOf('%') >= 0; i++) {
            try {
                decoded = URLDecoder.decode(decoded, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                break;
            }
        }
        if (decoded.indexOf('\0') >= 0 || decoded.matches("(?s).*(^|[/\\\\])\\.\\.([/\\\\]|$).*")) {
            throw SourceLocator.refused(source, "it contains a relative path reference");
        }
        return "";
    }
}
