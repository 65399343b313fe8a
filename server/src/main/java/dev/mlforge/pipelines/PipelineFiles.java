package dev.mlforge.pipelines;

import dev.mlforge.http.MlforgeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The one gate for the files a pipeline names ({@code base_dir}, {@code load}'s {@code path}, {@code validate}'s
 * {@code reference}): a run submitted to the server may only reach files inside the server's pipelines folder
 * ({@code pipelines.base-dir}), whereas a local CLI run reads whatever its user names.
 *
 * <p>For a confined run, a path is refused with INVALID_PARAMETER_VALUE when it contains NUL or another control
 * character, a lone surrogate, a backslash or a drive letter; when a percent-encoded form of it does (decoded
 * repeatedly, so {@code %252e%252e} counts as {@code ..}) or encodes a separator; when it resolves (after {@code ..}
 * and {@code .}) outside the folder; and when its real path (symbolic links followed) leaves the folder. Messages
 * repeat the path as the client gave it, never the server-side absolute path.
 */
final class PipelineFiles {
    static final int MAX_PATH_LENGTH = 4096;
    private static final int MAX_DECODE_ROUNDS = 4;
    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:");

    private PipelineFiles() {}

    /**
     * The real path of the pipelines folder {@code configured}, or its normal absolute form while it does not exist
     * (submissions are then refused because it is not a folder).
     */
    static Path root(Path configured) {
        Path absolute = configured.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }

    /**
     * The folder a submitted run resolves its relative paths against: {@code requested} (absolute, or relative to
     * {@code root}) when it is a folder inside {@code root}; {@code root} itself when null.
     */
    static Path baseDir(Path root, String requested) {
        if (requested == null) {
            requireFolder(root, ".");
            return root;
        }
        Path folder = confine(root, root, requested, "base_dir");
        requireFolder(folder, requested);
        return folder;
    }

    /**
     * The file {@code path} names, resolved against {@code baseDir}; with a {@code root}, confined to it. {@code place}
     * names the parameter in messages ({@code steps[load].with.path}).
     */
    static Path resolve(Path root, Path baseDir, String path, String place) {
        if (root == null) {
            return baseDir.resolve(path).normalize();
        }
        return confine(root, baseDir, path, place);
    }

    private static Path confine(Path root, Path baseDir, String path, String place) {
        refuseUnsafeText(path, place);
        Path target;
        try {
            target = baseDir.resolve(path).normalize();
        } catch (InvalidPathException e) {
            throw invalid(place, path, "it is not a valid file path");
        }
        if (!target.startsWith(root)) {
            throw invalid(place, path, "it is outside the server's pipelines folder (pipelines.base-dir)");
        }
        Path existing = target;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            if (existing != null && !existing.toRealPath().startsWith(root)) {
                throw invalid(place, path, "it leads outside the server's pipelines folder through a symbolic link");
            }
        } catch (IOException e) {
            throw invalid(place, path, "it cannot be read (a dangling symbolic link?)");
        }
        return target;
    }

    /** The file to read: its real path, checked again so that a link swapped in after submission cannot escape. */
    static Path readable(Path root, Path file, String path, String place) {
        if (!Files.isRegularFile(file)) {
            throw invalid(place, path, "there is no such file");
        }
        if (root == null) {
            return file;
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(root)) {
                throw invalid(place, path, "it leads outside the server's pipelines folder through a symbolic link");
            }
            return real;
        } catch (IOException e) {
            throw invalid(place, path, "it cannot be read");
        }
    }

    private static void requireFolder(Path folder, String requested) {
        if (!Files.isDirectory(folder)) {
            throw invalid("base_dir", requested, "it is not a folder on the server");
        }
    }

    private static void refuseUnsafeText(String path, String place) {
        if (path.isEmpty()) {
            throw invalid(place, path, "it is empty");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw invalid(place, path, "it is longer than " + MAX_PATH_LENGTH + " characters");
        }
        String form = path;
        for (int round = 0; ; round++) {
            refuseUnsafeForm(path, form, round > 0, place);
            if (round == MAX_DECODE_ROUNDS || !PERCENT_ESCAPE.matcher(form).find()) {
                return;
            }
            form = percentDecode(form);
        }
    }

    private static void refuseUnsafeForm(String original, String form, boolean decoded, String place) {
        String how = decoded ? " (percent-encoded)" : "";
        for (int i = 0; i < form.length(); i++) {
            char c = form.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw invalid(place, original, "it contains a NUL or control character" + how);
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < form.length()
                    && Character.isLowSurrogate(form.charAt(i + 1)))) {
                throw invalid(place, original, "it contains a lone surrogate (not valid Unicode)" + how);
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
            if (c == '\\') {
                throw invalid(place, original, "it contains a backslash" + how);
            }
        }
        if (DRIVE_LETTER.matcher(form).find()) {
            throw invalid(place, original, "drive letters are not allowed" + how);
        }
        if (decoded && (count(form, '/') != count(original, '/') || form.startsWith("/") != original.startsWith("/"))) {
            throw invalid(place, original, "encoded path separators are not allowed");
        }
        if (decoded && java.util.Arrays.asList(form.split("/", -1)).contains("..")) {
            throw invalid(place, original, "encoded '..' segments are not allowed");
        }
    }

    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
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

    private static int count(String text, char wanted) {
        return (int) text.chars().filter(c -> c == wanted).count();
    }

    private static MlforgeException invalid(String place, String path, String reason) {
        return MlforgeException.invalidParameter("Invalid " + place + " '" + printable(path) + "': " + reason);
    }

    /** The path as it may appear in a message: control characters and surrogates spelled out, very long paths cut. */
    private static String printable(String path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.length() && i < 300; i++) {
            char c = path.charAt(i);
            out.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return path.length() > 300 ? out + "..." : out.toString();
    }
}
