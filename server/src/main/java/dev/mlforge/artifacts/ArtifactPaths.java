package dev.mlforge.artifacts;

import dev.mlforge.http.MlforgeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one gate every artifact path passes: it refuses anything that could leave the artifact root and turns
 * what remains into a file-system path under the root.
 *
 * <p>Refused with INVALID_PARAMETER_VALUE: {@code ..} segments, absolute paths, backslashes, NUL and other
 * control characters, Windows drive letters, percent-encoded forms of any of these (decoded repeatedly, so
 * {@code %252e%252e} counts as {@code ..}), encoded separators ({@code %2f}), and paths through a symbolic link.
 */
final class ArtifactPaths {
    static final int MAX_PATH_LENGTH = 4096;
    static final int MAX_SEGMENT_LENGTH = 255;
    private static final int MAX_DECODE_ROUNDS = 4;
    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:");

    private ArtifactPaths() {}

    /**
     * Validates a relative artifact path and returns its normal form: segments joined by {@code /}, without
     * empty or {@code .} segments; {@code ""} names the root (as does null).
     */
    static String normalize(String path) {
        if (path == null) {
            return "";
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw invalid(path, "longer than " + MAX_PATH_LENGTH + " characters");
        }
        String form = path;
        for (int round = 0; ; round++) {
            refuseUnsafe(path, form, round > 0);
            if (round == MAX_DECODE_ROUNDS || !PERCENT_ESCAPE.matcher(form).find()) {
                break;
            }
            form = percentDecode(form);
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
        return MlforgeException.invalidParameter("Invalid artifact path '" + printable(path) + "': " + reason);
    }

    private static void refuseUnsafe(String original, String form, boolean decoded) {
        String how = decoded ? " (percent-encoded)" : "";
        for (int i = 0; i < form.length(); i++) {
            char c = form.charAt(i);
            if (c == 0 || c < 0x20 || c == 0x7f) {
                throw invalid(original, "it contains a NUL or control character" + how);
            }
            if (c == '\\') {
                throw invalid(original, "it contains a backslash" + how);
            }
        }
        if (form.startsWith("/")) {
            throw invalid(original, "absolute paths are not allowed" + how);
        }
        if (DRIVE_LETTER.matcher(form).find()) {
            throw invalid(original, "drive letters are not allowed" + how);
        }
        for (String segment : form.split("/", -1)) {
            if (segment.equals("..")) {
                throw invalid(original, "'..' segments are not allowed" + how);
            }
        }
        if (decoded && count(form, '/') != count(original, '/')) {
            throw invalid(original, "encoded path separators are not allowed");
        }
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

    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static int count(String text, char wanted) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == wanted) {
                count++;
            }
        }
        return count;
    }

    /** The path as it may appear in a message: control characters spelled out, very long paths cut. */
    private static String printable(String path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.length() && i < 300; i++) {
            char c = path.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return path.length() > 300 ? out + "..." : out.toString();
    }
}
