package dev.mlforge.artifacts;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Set;

/** The Content-Type of a downloaded artifact, guessed from its name as MLflow's {@code _guess_mime_type} does. */
final class ArtifactContentTypes {
    static final String BINARY = "application/octet-stream";
    /** Extensions (or whole names, for MLmodel and MLproject) that MLflow serves as text/plain. */
    private static final Set<String> TEXT = Set.of("txt", "log", "err", "cfg", "conf", "cnf", "cf", "ini", "properties",
            "prop", "hocon", "toml", "yaml", "yml", "xml", "json", "js", "py", "py3", "csv", "tsv", "md", "rst",
            "mlmodel", "mlproject");

    private ArtifactContentTypes() {}

    static String guess(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = (dot < 0 ? fileName : fileName.substring(dot + 1)).toLowerCase(Locale.ROOT);
        if (TEXT.contains(extension)) {
            return "text/plain";
        }
        String guessed = URLConnection.getFileNameMap().getContentTypeFor(fileName);
        return guessed == null ? BINARY : guessed;
    }
}
