package dev.mlforge.sdk;

import dev.mlforge.api.registry.ResolvedModelFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Checks downloaded model files against the SHA-256 manifest the server answered for them. */
final class ModelFileDigests {
    private ModelFileDigests() {}

    /** A downloaded file and its path relative to the model's directory ("/"-separated). */
    record Local(String path, Path file) {}

    static List<Local> list(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> new Local(directory.relativize(file).toString().replace('\\', '/'), file)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void check(ResolvedModelFiles model, List<Local> downloaded) {
        Map<String, Path> remaining = new TreeMap<>();
        downloaded.forEach(local -> remaining.put(local.path(), local.file()));
        List<String> problems = new ArrayList<>();
        for (ResolvedModelFiles.File expected : model.files()) {
            Path file = remaining.remove(expected.path());
            if (file == null) {
                problems.add("missing " + expected.path());
            } else if (!expected.sha256().equals(sha256(file))) {
                problems.add("digest of " + expected.path() + " differs");
            }
        }
        remaining.keySet().forEach(path -> problems.add("unlisted " + path));
        if (!problems.isEmpty()) {
            throw new MlforgeClientException(0, null, "model " + model.modelUri() + ": the downloaded files do not match"
                    + " the registered manifest (" + String.join(", ", problems) + ")", null);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks SHA-256", e);
        }
    }
}
