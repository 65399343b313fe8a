package dev.mlforge.pipelines;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestPathText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

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
        String refusal = RequestPathText.refusal(path, PipelineFiles::noEncodedClimb);
        if (refusal != null) {
            throw invalid(place, path, refusal);
        }
    }

    /**
     * A plain {@code ..} or absolute path may name a file inside the folder (the resolved path is checked against it);
     * an encoded one is refused, as no client has a reason to send it.
     */
    private static String noEncodedClimb(String form, boolean decoded) {
        return decoded && java.util.Arrays.asList(form.split("/", -1)).contains("..")
                ? "encoded '..' segments are not allowed" : null;
    }

    private static MlforgeException invalid(String place, String path, String reason) {
        return MlforgeException.invalidParameter("Invalid " + place + " '" + RequestPathText.printable(path) + "': " + reason);
    }
}
