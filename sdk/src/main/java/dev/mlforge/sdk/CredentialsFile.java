package dev.mlforge.sdk;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The token {@code mlforge login} stored for one server: {@code ~/.mlforge/credentials} (or the file named by
 * {@code MLFORGE_CREDENTIALS}), a properties file with {@code tracking_uri} and {@code token}, readable by its owner only
 * (0600 in a 0700 folder). A client uses the token only for the server it was issued by, so it never reaches another.
 */
public final class CredentialsFile {
    private final Path file;

    private CredentialsFile(Path file) {
        this.file = file;
    }

    /**
     * The credentials file for an environment: {@code MLFORGE_CREDENTIALS}, else {@code $HOME/.mlforge/credentials}.
     *
     * @param environment the environment variables to read
     * @return the file, or empty when neither variable is set
     */
    public static Optional<CredentialsFile> of(Map<String, String> environment) {
        String explicit = environment.get("MLFORGE_CREDENTIALS");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(new CredentialsFile(Path.of(explicit.strip())));
        }
        String home = environment.get("HOME");
        return home == null || home.isBlank() ? Optional.empty()
                : Optional.of(new CredentialsFile(Path.of(home, ".mlforge", "credentials")));
    }

    /**
     * Where the file is.
     *
     * @return its path
     */
    public Path path() {
        return file;
    }

    /**
     * The stored token when it was issued by {@code trackingUri}'s server.
     *
     * @param trackingUri the server about to be called
     * @return the token, or empty when there is no file, no token, or the token belongs to another server
     */
    public Optional<String> tokenFor(String trackingUri) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties stored = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            stored.load(reader);
        } catch (IOException e) {
            return Optional.empty();
        }
        String token = stored.getProperty("token");
        String issuedBy = stored.getProperty("tracking_uri");
        if (token == null || token.isBlank() || issuedBy == null || !sameServer(issuedBy, trackingUri)) {
            return Optional.empty();
        }
        return Optional.of(token.strip());
    }

    /**
     * Stores {@code token} for {@code trackingUri}, replacing what was there; the file is created 0600 (its folder
     * 0700) before the token is written, so no other user can read it at any moment.
     *
     * @param trackingUri the server that issued the token
     * @param token the token
     * @throws UncheckedIOException when the file cannot be written
     */
    public void save(String trackingUri, String token) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(folder)) {
                if (posix) {
                    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(folder);
                }
            }
            Path temporary = posix
                    ? Files.createTempFile(folder, ".credentials", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(folder, ".credentials", ".tmp");
            Properties stored = new Properties();
            stored.setProperty("tracking_uri", MlforgeClient.Builder.normalize(trackingUri));
            stored.setProperty("token", token);
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                stored.store(writer, "mlforge login: readable by its owner only");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the credentials file " + file, e);
        }
    }

    private static boolean sameServer(String a, String b) {
        try {
            return MlforgeClient.Builder.normalize(a).equals(MlforgeClient.Builder.normalize(b));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
