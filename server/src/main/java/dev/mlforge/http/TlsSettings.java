package dev.mlforge.http;

import dev.mlforge.config.ConfigException;
import dev.mlforge.config.ConfigValues;
import java.nio.file.Path;

/**
 * How the server serves HTTPS: its certificate and key as PEM files ({@code tls.certificate}, {@code tls.private-key})
 * or one PKCS12 keystore ({@code tls.keystore}, {@code tls.keystore-password}), watched and reloaded when they change,
 * and the {@code Strict-Transport-Security} max-age every answer then carries ({@code tls.hsts-max-age}).
 *
 * @param certificate        PEM certificate chain (leaf first), or null with a keystore
 * @param privateKey         PEM PKCS#8 private key of the certificate, or null with a keystore
 * @param keystore           PKCS12 keystore holding one key entry, or null with PEM files
 * @param keystorePassword   the keystore's password (and its key's); never logged nor echoed
 * @param reloadIntervalSeconds how often the files are checked for changes (0: never reloaded)
 * @param hstsMaxAgeSeconds  HSTS max-age; 0 sends no header
 */
public record TlsSettings(Path certificate, Path privateKey, Path keystore, String keystorePassword,
        int reloadIntervalSeconds, long hstsMaxAgeSeconds) {

    /** The settings the configuration names, or null when it names no certificate (plain HTTP). */
    public static TlsSettings from(ConfigValues values) {
        String certificate = values.string("tls.certificate", null);
        String privateKey = values.string("tls.private-key", null);
        String keystore = values.string("tls.keystore", null);
        String password = values.string("tls.keystore-password", "");
        int reload = values.integer("tls.reload-interval-seconds", 1, 0, 3600);
        int hsts = values.integer("tls.hsts-max-age", 31_536_000, 0, 315_360_000);
        if (certificate == null && privateKey == null && keystore == null) {
            return null;
        }
        if (keystore != null && (certificate != null || privateKey != null)) {
            throw new ConfigException("Configure either tls.keystore or tls.certificate with tls.private-key, not both");
        }
        if (keystore == null && (certificate == null || privateKey == null)) {
            throw new ConfigException("tls.certificate and tls.private-key go together: set both (PEM files)");
        }
        return new TlsSettings(path(certificate), path(privateKey), path(keystore), password, reload, hsts);
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value).toAbsolutePath().normalize();
    }

    /** The files whose changes reload the certificate. */
    java.util.List<Path> watchedFiles() {
        return keystore != null ? java.util.List.of(keystore) : java.util.List.of(certificate, privateKey);
    }

    /** The header value, or null when HSTS is off. */
    String hstsHeader() {
        return hstsMaxAgeSeconds == 0 ? null : "max-age=" + hstsMaxAgeSeconds;
    }

    @Override
    public String toString() {
        return "TlsSettings[certificate=" + certificate + ", privateKey=" + privateKey + ", keystore=" + keystore
                + ", keystorePassword=<redacted>, reloadIntervalSeconds=" + reloadIntervalSeconds
                + ", hstsMaxAgeSeconds=" + hstsMaxAgeSeconds + "]";
    }
}
