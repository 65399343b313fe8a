package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web UI's OIDC sign-in end to end against an issuer started here (the JDK's HTTP server: discovery document, JWKS,
 * an authorization endpoint that signs a user in at once, and a token endpoint that checks the client secret and the
 * PKCE verifier), the redirects followed by a real HTTP client: a session whose identity and groups-mapped role the
 * API honours; a forged state, a wrong nonce and an ID token for another audience are refused.
 */
class OidcSignInTest {
    private static final String CLIENT_ID = "mlforge-ui";
    private static final String CLIENT_SECRET = "ui-client-secret";
    private static final String REDIRECT_URI = "http://mlforge.test/ui/oidc/callback";
    private static final RSAKey KEY = rsaKey();
    /** What the authorization endpoint signs in as next: a user name and its groups. */
    private static final AtomicReference<List<String>> NEXT_USER = new AtomicReference<>(List.of("olivia"));
    /** How the next ID token is spoiled: "" (not), "nonce", "audience". */
    private static final AtomicReference<String> SPOIL = new AtomicReference<>("");
    /** Issued codes: code -> [PKCE challenge, nonce, user, groups...]. */
    private static final Map<String, List<String>> CODES = new ConcurrentHashMap<>();
    private static final HttpServer ISSUER = issuer();
    private static final String ISSUER_URL = "http://127.0.0.1:" + ISSUER.getAddress().getPort();

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("auth.mode", "oidc")
            .withConfig("admin-username", Callers.ADMIN).withConfig("admin-password", Callers.ADMIN_PASSWORD)
            .withConfig("auth.oidc.issuer", ISSUER_URL).withConfig("auth.oidc.audience", "mlforge-api")
            .withConfig("auth.oidc.jwks-uri", ISSUER_URL + "/jwks.json")
            .withConfig("auth.oidc.admin-groups", "platform-admins")
            .withConfig("auth.oidc.client-id", CLIENT_ID).withConfig("auth.oidc.client-secret", CLIENT_SECRET)
            .withConfig("auth.oidc.redirect-uri", REDIRECT_URI);

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterEach
    void reset() {
        NEXT_USER.set(List.of("olivia"));
        SPOIL.set("");
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.stop(0);
    }

    @Test
    void the_code_flow_with_pkce_signs_in_and_the_session_carries_the_identity_and_its_groups() {
        NEXT_USER.set(List.of("root", "platform-admins"));
        HttpResponse<String> login = get(server.baseUrl() + "/ui/login?next=%2Fui%2Fmodels", null);
        assertThat(login.statusCode()).isEqualTo(302);
        URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = query(authorize);
        assertThat(authorize.toString()).startsWith(ISSUER_URL + "/authorize?");
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", REDIRECT_URI).containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");
        String flowCookie = cookie(login, OidcSignIn.COOKIE);
        assertThat(login.headers().allValues("Set-Cookie").get(0)).contains("HttpOnly", "SameSite=Lax", "Path=/ui/oidc");

        HttpResponse<String> finished = callback(issuerRedirect(authorize), flowCookie);

        assertThat(finished.statusCode()).as(finished.body()).isEqualTo(303);
        assertThat(finished.headers().firstValue("Location")).hasValue("/ui/models");
        String session = cookie(finished, "mlforge_session");
        TestHttp withSession = new TestHttp(server.baseUrl());
        JsonNode current = withSession.send("GET", "/api/2.0/mlflow/users/current", null, null, "Cookie", "mlforge_session=" + session).json(200);
        assertThat(current.at("/user/username").asText()).isEqualTo("root");
        assertThat(withSession.send("GET", "/api/2.0/mlflow/users/get?username=admin", null, null, "Cookie",
                "mlforge_session=" + session).status()).as("platform-admins are administrators").isEqualTo(200);
    }

    @Test
    void a_user_without_admin_groups_is_an_ordinary_user() {
        String session = cookie(callback(issuerRedirect(startedAt(get(server.baseUrl() + "/ui/login", null))),
                lastFlowCookie), "mlforge_session");
        TestHttp http = new TestHttp(server.baseUrl());
        assertThat(http.send("GET", "/api/2.0/mlflow/users/current", null, null, "Cookie", "mlforge_session=" + session)
                .json(200).at("/user/username").asText()).isEqualTo("olivia");
        assertThat(http.send("GET", "/api/2.0/mlflow/users/get?username=admin", null, null, "Cookie", "mlforge_session=" + session)
                .status()).isEqualTo(403);
    }

    @Test
    void a_forged_state_is_refused() {
        URI authorize = startedAt(get(server.baseUrl() + "/ui/login", null));
        String redirect = issuerRedirect(authorize).replaceAll("state=[^&]+", "state=forged");

        HttpResponse<String> refused = callback(redirect, lastFlowCookie);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("state does not match");
        assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(value -> value.startsWith("mlforge_session="));
        assertThat(callback(issuerRedirect(startedAt(get(server.baseUrl() + "/ui/login", null))), null).statusCode())
                .as("no flow cookie").isEqualTo(401);
    }

    @Test
    void an_id_token_with_another_nonce_is_refused() {
        SPOIL.set("nonce");
        HttpResponse<String> refused = callback(issuerRedirect(startedAt(get(server.baseUrl() + "/ui/login", null))), lastFlowCookie);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("wrong nonce");
        assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(value -> value.startsWith("mlforge_session="));
    }

    @Test
    void an_id_token_for_another_audience_is_refused() {
        SPOIL.set("audience");
        HttpResponse<String> refused = callback(issuerRedirect(startedAt(get(server.baseUrl() + "/ui/login", null))), lastFlowCookie);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("wrong audience");
    }

    @Test
    void the_password_form_stays_reachable_for_store_users() {
        HttpResponse<String> form = get(server.baseUrl() + "/ui/login?password", null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("action=\"/ui/login\"", "Sign in with your organisation");
    }

    // --- the browser's side -----------------------------------------------------------------------------------------

    private String lastFlowCookie;

    private URI startedAt(HttpResponse<String> login) {
        assertThat(login.statusCode()).isEqualTo(302);
        lastFlowCookie = cookie(login, OidcSignIn.COOKIE);
        return URI.create(login.headers().firstValue("Location").orElseThrow());
    }

    /** Follows the redirect to the issuer, which answers with a redirect to our callback: its query. */
    private String issuerRedirect(URI authorize) {
        HttpResponse<String> issued = get(authorize.toString(), null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(302);
        String location = issued.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT_URI + "?");
        return location.substring(location.indexOf('?') + 1);
    }

    private HttpResponse<String> callback(String query, String flowCookie) {
        return get(server.baseUrl() + "/ui/oidc/callback?" + query, flowCookie == null ? null : OidcSignIn.COOKIE + "=" + flowCookie);
    }

    private HttpResponse<String> get(String url, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith(name + "="))
                .map(value -> value.substring(name.length() + 1, value.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie: " + response.headers()));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> fields = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    // --- the issuer ---------------------------------------------------------------------------------------------------

    static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("ui-issuer-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer issuer() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            http.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, 200, Json.mapper()
                    .writeValueAsString(Map.of("issuer", base, "authorization_endpoint", base + "/authorize",
                            "token_endpoint", base + "/token", "jwks_uri", base + "/jwks.json"))));
            http.createContext("/jwks.json", exchange -> answer(exchange, 200, new JWKSet(KEY.toPublicJWK()).toString()));
            http.createContext("/authorize", exchange -> authorize(exchange));
            http.createContext("/token", exchange -> token(exchange, base));
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        if (!CLIENT_ID.equals(query.get("client_id")) || !REDIRECT_URI.equals(query.get("redirect_uri"))
                || !"S256".equals(query.get("code_challenge_method")) || !"code".equals(query.get("response_type"))) {
            answer(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = "code-" + CODES.size() + "-" + System.nanoTime();
        List<String> entry = new java.util.ArrayList<>(List.of(query.get("code_challenge"), query.get("nonce")));
        entry.addAll(NEXT_USER.get());
        CODES.put(code, entry);
        exchange.getResponseHeaders().add("Location", REDIRECT_URI + "?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void token(HttpExchange exchange, String issuer) throws IOException {
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = query(URI.create("?" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        List<String> entry = CODES.remove(form.getOrDefault("code", ""));
        if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization")) || entry == null
                || !"authorization_code".equals(form.get("grant_type")) || !REDIRECT_URI.equals(form.get("redirect_uri"))
                || !entry.get(0).equals(challenge(form.getOrDefault("code_verifier", "")))) {
            answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String spoil = SPOIL.get();
        List<String> groups = entry.subList(3, entry.size());
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(spoil.equals("audience") ? "someone-else" : CLIENT_ID)
                .subject("sub-" + entry.get(2)).claim("preferred_username", entry.get(2)).claim("groups", groups)
                .claim("nonce", spoil.equals("nonce") ? "another-nonce" : entry.get(1))
                .expirationTime(new Date(System.currentTimeMillis() + 600_000)).issueTime(new Date()).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(KEY));
            answer(exchange, 200, Json.mapper().writeValueAsString(Map.of("id_token", jwt.serialize(), "access_token", "opaque",
                    "token_type", "Bearer")));
        } catch (JOSEException e) {
            throw new IOException(e);
        }
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
