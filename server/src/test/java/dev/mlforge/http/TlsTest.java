package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import dev.mlforge.testing.ApplicationExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with a self-signed certificate made in the test by the JDK's keytool: from a PKCS12 keystore or PEM files,
 * trusted by the JDK HttpClient; HSTS on every HTTPS answer; a renewed certificate is served without a restart.
 */
class TlsTest {
    private static final String PASSWORD = "keystore-secret-pw";

    @RegisterExtension
    final ApplicationExtension app = ApplicationExtension.sqlite().startOnFirstUse();
    @TempDir
    Path certs;

    /** A PKCS12 keystore with a new self-signed EC certificate for localhost and 127.0.0.1, named {@code cn}. */
    private Path keystore(String cn) throws Exception {
        Path file = certs.resolve(cn + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn,
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        return file;
    }

    private static KeyStore load(Path p12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static X509Certificate certificate(Path p12) throws Exception {
        return (X509Certificate) load(p12).getCertificate("server");
    }

    /** Writes the keystore's certificate and PKCS#8 key as PEM files {@code cert.pem} and {@code key.pem}. */
    private void writePem(Path p12) throws Exception {
        KeyStore store = load(p12);
        byte[] key = store.getKey("server", PASSWORD.toCharArray()).getEncoded();
        write(certs.resolve("key.pem"), "PRIVATE KEY", key);
        write(certs.resolve("cert.pem"), "CERTIFICATE", store.getCertificate("server").getEncoded());
    }

    private static void write(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A client trusting exactly these certificates. */
    private static HttpClient trusting(X509Certificate... trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            trust.setCertificateEntry("trusted-" + i, trusted[i]);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Certificate served(HttpResponse<?> response) throws Exception {
        return response.sslSession().orElseThrow().getPeerCertificates()[0];
    }

    @Test
    void the_web_ui_session_cookie_is_secure_over_tls() throws Exception {
        Path p12 = keystore("mlforge-cookie");
        app.withConfig("tls.keystore", p12.toString()).withConfig("tls.keystore-password", PASSWORD)
                .withConfig("auth.mode", "basic").withConfig("admin-username", "admin").withConfig("admin-password", "admin-pw-1");

        HttpResponse<String> signedIn = trusting(certificate(p12)).send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/ui/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=admin-pw-1")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Set-Cookie").orElse("")).startsWith("mlforge_session=")
                .contains("; Secure", "HttpOnly", "SameSite=Lax");
    }

    @Test
    void a_pkcs12_keystore_serves_https_with_hsts_and_no_plain_http() throws Exception {
        Path p12 = keystore("mlforge-p12");
        app.withConfig("tls.keystore", p12.toString()).withConfig("tls.keystore-password", PASSWORD);

        assertThat(app.baseUrl()).startsWith("https://127.0.0.1:");
        HttpResponse<String> answer = get(trusting(certificate(p12)), "/api/2.0/mlflow/experiments/search?max_results=1");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(served(answer)).isEqualTo(certificate(p12));
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void an_untrusted_client_is_refused_the_handshake() throws Exception {
        Path p12 = keystore("mlforge-untrusted");
        app.withConfig("tls.keystore", p12.toString()).withConfig("tls.keystore-password", PASSWORD);
        app.port();

        assertThatThrownBy(() -> get(HttpClient.newHttpClient(), "/health")).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void pem_files_are_served_and_reloaded_when_they_change() throws Exception {
        Path first = keystore("mlforge-first");
        Path renewed = keystore("mlforge-renewed");
        writePem(first);
        app.withConfig("tls.certificate", certs.resolve("cert.pem").toString())
                .withConfig("tls.private-key", certs.resolve("key.pem").toString());
        HttpClient client = trusting(certificate(first), certificate(renewed));
        assertThat(served(get(client, "/health"))).isEqualTo(certificate(first));

        writePem(renewed);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Certificate now = certificate(first);
        while (!now.equals(certificate(renewed)) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            // A new client makes a new connection: renewed certificates are served to new connections.
            now = served(get(trusting(certificate(first), certificate(renewed)), "/health"));
        }
        assertThat(now).isEqualTo(certificate(renewed));
    }

    @Test
    void plain_http_sends_no_hsts() {
        assertThat(app.http().get("/health").header("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void a_wrong_keystore_password_stops_the_start_without_echoing_it() throws Exception {
        Path p12 = keystore("mlforge-wrong-pw");
        Path dataDir = certs.resolve("data");
        ServerConfig config = ServerConfig.from(ConfigValues.of(Map.of("host", "127.0.0.1", "port", "0",
                "data-dir", dataDir.toString(), "tls.keystore", p12.toString(), "tls.keystore-password", "wrong-secret-pw")));

        assertThatThrownBy(() -> new Application(config).start().close())
                .satisfies(failure -> assertThat(messages(failure)).contains("TLS keystore")
                        .doesNotContain("wrong-secret-pw", PASSWORD));
    }

    @Test
    void half_a_pem_pair_or_both_kinds_are_refused_naming_the_keys() {
        assertThatThrownBy(() -> TlsSettings.from(ConfigValues.of(Map.of("tls.certificate", "/x/cert.pem"))))
                .hasMessageContaining("tls.private-key");
        assertThatThrownBy(() -> TlsSettings.from(ConfigValues.of(Map.of("tls.certificate", "/x/cert.pem",
                "tls.private-key", "/x/key.pem", "tls.keystore", "/x/k.p12")))).hasMessageContaining("not both");
        assertThat(TlsSettings.from(ConfigValues.of(Map.of("tls.keystore", "/x/k.p12", "tls.keystore-password", PASSWORD)))
                .toString()).doesNotContain(PASSWORD);
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }

}
