package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.mlforge.testing.ApplicationExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OIDC bearer tokens checked against a JWKS issuer started here (the JDK's HTTP server serving a key set generated
 * for the test): signature, issuer, audience and expiry are checked, the key set is fetched once and cached, and the
 * groups claim maps to administrators and editors.
 */
class OidcAuthenticationTest {
    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "mlforge";
    private static final RSAKey KEY = rsaKey("issuer-key");
    private static final RSAKey OTHER_KEY = rsaKey("issuer-key");
    private static final AtomicInteger JWKS_FETCHES = new AtomicInteger();
    private static final HttpServer JWKS = jwksServer();

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("auth.mode", "oidc")
            .withConfig("admin-username", Callers.ADMIN).withConfig("admin-password", Callers.ADMIN_PASSWORD)
            .withConfig("auth.oidc.issuer", ISSUER).withConfig("auth.oidc.audience", AUDIENCE)
            .withConfig("auth.oidc.jwks-uri", "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks.json")
            .withConfig("auth.oidc.admin-groups", "platform-admins").withConfig("auth.oidc.editor-groups", "ml-engineers");

    @AfterAll
    static void stopIssuer() {
        JWKS.stop(0);
    }

    private static RSAKey rsaKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwksServer() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            http.createContext("/jwks.json", exchange -> {
                JWKS_FETCHES.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(RSAKey key, String issuer, String audience, long expiresInMs, String user, List<String> groups) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("sub-" + user)
                    .claim("preferred_username", user).claim("groups", groups)
                    .expirationTime(new Date(System.currentTimeMillis() + expiresInMs)).issueTime(new Date()).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String valid(String user, List<String> groups) {
        return token(KEY, ISSUER, AUDIENCE, 600_000, user, groups);
    }

    private static final String CURRENT = "/api/2.0/mlflow/users/current";

    @Test
    void a_valid_token_authenticates_its_holder_and_the_key_set_is_fetched_once() {
        Callers as = new Callers(server.http());

        for (int i = 0; i < 3; i++) {
            assertThat(as.bearer(valid("olivia", List.of()), "GET", CURRENT, null).json(200).path("user").path("username")
                    .asText()).isEqualTo("olivia");
        }
        assertThat(JWKS_FETCHES.get()).isEqualTo(1);
    }

    @Test
    void a_token_of_another_issuer_audience_or_key_or_an_expired_one_is_refused() {
        Callers as = new Callers(server.http());

        assertThat(as.bearer(token(KEY, "https://evil.test", AUDIENCE, 600_000, "olivia", List.of()), "GET", CURRENT, null)
                .status()).isEqualTo(401);
        assertThat(as.bearer(token(KEY, ISSUER, "someone-else", 600_000, "olivia", List.of()), "GET", CURRENT, null)
                .status()).isEqualTo(401);
        assertThat(as.bearer(token(KEY, ISSUER, AUDIENCE, -120_000, "olivia", List.of()), "GET", CURRENT, null)
                .status()).isEqualTo(401);
        assertThat(as.bearer(token(OTHER_KEY, ISSUER, AUDIENCE, 600_000, "olivia", List.of("platform-admins")), "GET",
                CURRENT, null).status()).isEqualTo(401);
        assertThat(as.bearer("not.a.jwt", "GET", CURRENT, null).status()).isEqualTo(401);
    }

    @Test
    void groups_map_to_administrators_and_editors() {
        Callers as = new Callers(server.http());
        String experiment = as.admin("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"oidc-shared\"}").json(200)
                .path("experiment_id").asText();
        String createRun = "{\"experiment_id\":\"" + experiment + "\"}";

        assertThat(as.bearer(valid("viewer", List.of("staff")), "POST", "/api/2.0/mlflow/runs/create", createRun).status())
                .isEqualTo(403);
        assertThat(as.bearer(valid("engineer", List.of("ml-engineers")), "POST", "/api/2.0/mlflow/runs/create", createRun)
                .status()).isEqualTo(200);
        assertThat(as.bearer(valid("engineer", List.of("ml-engineers")), "POST", "/api/2.0/mlflow/users/create",
                "{\"username\":\"x\",\"password\":\"y\"}").status()).isEqualTo(403);
        assertThat(as.bearer(valid("root", List.of("platform-admins")), "POST", "/api/2.0/mlflow/users/create",
                "{\"username\":\"x\",\"password\":\"y\"}").status()).isEqualTo(200);
    }

    @Test
    void a_grant_to_an_oidc_user_applies_to_their_tokens() {
        Callers as = new Callers(server.http());
        String experiment = as.admin("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"oidc-granted\"}").json(200)
                .path("experiment_id").asText();
        String viewer = valid("granted-viewer", List.of());
        as.bearer(viewer, "GET", CURRENT, null).ok();

        as.admin("POST", "/api/2.0/mlflow/experiments/permissions/create", "{\"experiment_id\":\"" + experiment
                + "\",\"username\":\"granted-viewer\",\"permission\":\"EDIT\"}").ok();

        assertThat(as.bearer(viewer, "POST", "/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"" + experiment + "\"}")
                .status()).isEqualTo(200);
    }
}
