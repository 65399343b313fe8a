package dev.mlforge.artifacts;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestPathText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one gate every artifact path passes: it refuses anything that could leave the artifact root and turns
 * what remains into a file-system path under the root.
 *
 * <p>Refused with INVALID_PARAMETER_VALUE: {@code ..} segments, absolute paths, backslashes, NUL and other
 * control characters, Windows drive letters, percent-encoded forms of any of these (decoded repeatedly, so
 * {@code %252e%252e} counts as {@code ..}), encoded separators ({@code %2f}), and paths through a symbolic link.
 */
final class ArtifactPaths {
    static final int MAX_SEGMENT_LENGTH = 255;

    private ArtifactPaths() {}

    /** {@link #normalize} for a path that must name a file or folder below the root, not the root itself. */
    static String normalizeFile(String path) {
        String normal = normalize(path);
        if (normal.isEmpty()) {
            throw MlforgeException.invalidParameter("Invalid artifact path '" + (path == null ? "" : path)
                    + "': it names the artifact root, not a file");
        }
        return normal;
    }

    /**
     * Validates a relative artifact path and returns its normal form: segments joined by {@code /}, without
     * empty or {@code .} segments; {@code ""} names the root (as does null).
     */
    static String normalize(String path) {
        if (path == null) {
            return "";
        }
        String refusal = RequestPathText.refusal(path, ArtifactPaths::relativeOnly);
        if (refusal != null) {
            throw invalid(path, refusal);
        }
        List<String> segments = segments(path);
        for (String segment : segments) {
            if (segment.length() > MAX_SEGMENT_LENGTH) {
                throw invalid(path, "a segment is longer than " + MAX_SEGMENT_LENGTH + " characters");
            }
        }
        return String.join("/", segments);
    }

    /** Joins two relative paths and validates the result. */
    static String join(String parent, String child) {
        String normalParent = normalize(parent);
        String normalChild = normalize(child);
        if (normalParent.isEmpty()) {
            return normalChild;
        }
        return normalChild.isEmpty() ? normalParent : normalize(normalParent + "/" + normalChild);
    }

    /**
     * The file-system path of a normalised artifact path under {@code realRoot} (a real path: absolute,
     * without symbolic links). Refuses the path when any existing component is a symbolic link, or when the
     * real path of its deepest existing component lies outside the root.
     */
    static Path resolve(Path realRoot, String normalizedPath) {
        Path target = realRoot;
        Path deepestExisting = realRoot;
        boolean exists = true;
        for (String segment : segments(normalizedPath)) {
            target = target.resolve(segment);
            if (exists && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isSymbolicLink(target)) {
                    throw invalid(normalizedPath, "it passes through a symbolic link");
                }
                deepestExisting = target;
            } else {
                exists = false;
            }
        }
        if (!target.normalize().startsWith(realRoot)) {
            throw invalid(normalizedPath, "it leaves the artifact root");
        }
        try {
            if (!deepestExisting.toRealPath().startsWith(realRoot)) {
                throw invalid(normalizedPath, "it leaves the artifact root");
            }
        } catch (IOException e) {
            // The component vanished after the walk (a concurrent delete); nothing outside the root was reached.
        }
        return target;
    }

    static MlforgeException invalid(String path, String reason) {
        return MlforgeException.invalidParameter("Invalid artifact path '" + RequestPathText.printable(path) + "': " + reason);
    }

    /** Artifact paths are relative and never climb: no leading {@code /}, no {@code ..} segment, sent or encoded. */
    private static String relativeOnly(String form, boolean decoded) {
        String how = decoded ? " (percent-encoded)" : "";
        if (form.startsWith("/")) {
            return "absolute paths are not allowed" + how;
        }
        for (String segment : form.split("/", -1)) {
            if (segment.equals("..")) {
                return "'..' segments are not allowed" + how;
            }
        }
        return null;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }
}
