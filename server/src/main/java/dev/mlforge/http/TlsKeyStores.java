package dev.mlforge.http;

import dev.mlforge.api.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the server's certificate and key into a {@link KeyStore}, from PEM files (an X.509 chain and a PKCS#8 key, as
 * {@code openssl req -newkey} and ACME clients write them) or a PKCS12 keystore, with the JDK alone.
 */
final class TlsKeyStores {
    static final String ALIAS = "mlforge";
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private TlsKeyStores() {}

    /** The key store {@code settings} name; its key is protected by {@link #keyPassword(TlsSettings)}. */
    static KeyStore load(TlsSettings settings) {
        try {
            return settings.keystore() != null ? pkcs12(settings) : pem(settings);
        } catch (IOException | GeneralSecurityException e) {
            throw new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot read the TLS "
                    + (settings.keystore() != null ? "keystore " + settings.keystore().getFileName()
                            : "certificate " + settings.certificate().getFileName() + " or key " + settings.privateKey().getFileName())
                    + ": " + e.getClass().getSimpleName(), e);
        }
    }

    static char[] keyPassword(TlsSettings settings) {
        return settings.keystorePassword().toCharArray();
    }

    private static KeyStore pkcs12(TlsSettings settings) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(settings.keystore())) {
            store.load(in, keyPassword(settings));
        }
        boolean hasKey = false;
        for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
            hasKey |= store.isKeyEntry(aliases.nextElement());
        }
        if (!hasKey) {
            throw new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE, "The TLS keystore "
                    + settings.keystore().getFileName() + " holds no private key entry");
        }
        return store;
    }

    private static KeyStore pem(TlsSettings settings) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(settings.certificate())) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (chain.isEmpty()) {
            throw new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE, "The TLS certificate file "
                    + settings.certificate().getFileName() + " holds no certificate");
        }
        PrivateKey key = privateKey(settings.privateKey(), chain.iterator().next().getPublicKey().getAlgorithm());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, key, keyPassword(settings), chain.toArray(Certificate[]::new));
        return store;
    }

    private static PrivateKey privateKey(Path file, String algorithm) throws IOException, GeneralSecurityException {
        Matcher matcher = PKCS8.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        if (!matcher.find()) {
            throw new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE, "The TLS key file " + file.getFileName()
                    + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert it with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
        }
        byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
        for (String candidate : List.of(algorithm, "RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(candidate).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new java.security.spec.InvalidKeySpecException("unsupported key algorithm");
    }
}
