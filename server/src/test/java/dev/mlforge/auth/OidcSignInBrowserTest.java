package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.Browser;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * OIDC sign-in in Debian's headless Chromium against an issuer started here (the JDK's HTTP server): a protected page
 * leads to the issuer's authorization page, whose sign-in button returns a code to mlforge, which exchanges it at the
 * token endpoint (client secret and PKCE checked) and opens a session: the page asked for shows the user's name, and an
 * action the user's groups permit (deleting a model) passes through the API. Signing out ends the session here and at
 * the issuer ({@code end_session_endpoint} from its discovery document), which sends the browser back to sign-in.
 *
 * <p>mlforge's redirect URI is configured before the server has its port (tests use port 0), so the issuer sends the
 * browser to the configured URI's path on the running server, as DNS would for a real host name.
 */
class OidcSignInBrowserTest {
    private static final String CLIENT_ID = "mlforge-ui";
    private static final String CLIENT_SECRET = "ui-browser-secret";
    private static final String REDIRECT_URI = "http://mlforge.test/ui/oidc/callback";
    private static final RSAKey KEY = OidcSignInTest.rsaKey();
    /** Issued codes: code -> [PKCE challenge, nonce]. */
    private static final Map<String, List<String>> CODES = new ConcurrentHashMap<>();
    /** The query of every request to the end-session endpoint. */
    private static final List<Map<String, String>> SIGN_OUTS = new CopyOnWriteArrayList<>();
    private static final HttpServer ISSUER = issuer();
    private static final String ISSUER_URL = "http://127.0.0.1:" + ISSUER.getAddress().getPort();

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("auth.mode", "oidc")
            .withConfig("admin-username", "admin").withConfig("admin-password", "admin-password-1")
            .withConfig("auth.oidc.issuer", ISSUER_URL).withConfig("auth.oidc.audience", "mlforge-api")
            .withConfig("auth.oidc.jwks-uri", ISSUER_URL + "/jwks.json")
            .withConfig("auth.oidc.admin-groups", "platform-admins")
            .withConfig("auth.oidc.client-id", CLIENT_ID).withConfig("auth.oidc.client-secret", CLIENT_SECRET)
            .withConfig("auth.oidc.redirect-uri", REDIRECT_URI);
    private static Browser session;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void open() throws IOException {
        session = Browser.start();
        browser = session.driver;
        wait = session.waiting();
        admin().post("/api/2.0/mlflow/registered-models/create", Map.of("name", "oidc-doomed-model")).ok();
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
        ISSUER.stop(0);
    }

    @Test
    void sign_in_at_the_issuer_act_and_sign_out_there_too() {
        browser.get(server.baseUrl() + "/ui/models/oidc-doomed-model");
        wait.until(ExpectedConditions.urlContains(ISSUER_URL + "/authorize?"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Test issuer: sign in to mlforge-ui");
        browser.findElement(By.id("approve")).click();

        wait.until(ExpectedConditions.urlToBe(server.baseUrl() + "/ui/models/oidc-doomed-model"));
        assertThat(browser.findElement(By.cssSelector(".top .user")).getText()).endsWith("rosa");
        session.screenshot("oidc-signed-in");
        browser.findElement(By.id("delete-model")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.urlToBe(server.baseUrl() + "/ui/models"));
        assertThat(admin().get("/api/2.0/mlflow/registered-models/get?name=oidc-doomed-model").status())
                .as("deleted through the API as the OIDC user, whose group makes it an administrator").isEqualTo(404);

        browser.findElement(By.cssSelector("form.sign-out button")).click();
        wait.until(ExpectedConditions.urlContains(ISSUER_URL + "/authorize?"));
        assertThat(SIGN_OUTS).singleElement().satisfies(query -> assertThat(query)
                .containsEntry("client_id", CLIENT_ID).containsEntry("post_logout_redirect_uri", "http://mlforge.test/ui/login"));
        assertThat(browser.manage().getCookieNamed("mlforge_session")).as("the session cookie is gone").isNull();
    }

    private static TestHttp admin() {
        return new TestHttp(server.baseUrl(), "Basic " + java.util.Base64.getEncoder()
                .encodeToString("admin:admin-password-1".getBytes(StandardCharsets.UTF_8)));
    }

    // --- the issuer ---------------------------------------------------------------------------------------------------

    private static HttpServer issuer() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            http.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, 200, "application/json",
                    Json.mapper().writeValueAsString(Map.of("issuer", base, "authorization_endpoint", base + "/authorize",
                            "token_endpoint", base + "/token", "jwks_uri", base + "/jwks.json",
                            "end_session_endpoint", base + "/logout"))));
            http.createContext("/jwks.json", exchange -> answer(exchange, 200, "application/json",
                    new JWKSet(KEY.toPublicJWK()).toString()));
            http.createContext("/authorize", OidcSignInBrowserTest::authorize);
            http.createContext("/approve", OidcSignInBrowserTest::approve);
            http.createContext("/token", exchange -> token(exchange, base));
            http.createContext("/logout", OidcSignInBrowserTest::logout);
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The authorization page: checks the request, then offers one button that approves it. */
    private static void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = OidcSignInTest.query(exchange.getRequestURI());
        if (!CLIENT_ID.equals(query.get("client_id")) || !REDIRECT_URI.equals(query.get("redirect_uri"))
                || !"S256".equals(query.get("code_challenge_method")) || !"code".equals(query.get("response_type"))) {
            answer(exchange, 400, "text/plain", "invalid_request");
            return;
        }
        StringBuilder form = new StringBuilder("<!doctype html><title>Issuer</title><h1>Test issuer: sign in to ")
                .append(CLIENT_ID).append("</h1><form method=\"get\" action=\"/approve\">");
        for (String field : List.of("state", "nonce", "code_challenge")) {
            form.append("<input type=\"hidden\" name=\"").append(field).append("\" value=\"").append(query.get(field)).append("\">");
        }
        answer(exchange, 200, "text/html", form.append("<button id=\"approve\">Sign in as rosa</button></form>").toString());
    }

    /** The approval: a code for the PKCE challenge and nonce, sent back to mlforge's callback. */
    private static void approve(HttpExchange exchange) throws IOException {
        Map<String, String> query = OidcSignInTest.query(exchange.getRequestURI());
        String code = "code-" + System.nanoTime();
        CODES.put(code, List.of(query.get("code_challenge"), query.get("nonce")));
        redirect(exchange, onServer(REDIRECT_URI) + "?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
    }

    private static void token(HttpExchange exchange, String issuer) throws IOException {
        String expectedAuth = "Basic " + java.util.Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = OidcSignInTest.query(URI.create("?" + body));
        List<String> entry = CODES.remove(form.getOrDefault("code", ""));
        if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization")) || entry == null
                || !REDIRECT_URI.equals(form.get("redirect_uri"))
                || !entry.get(0).equals(OidcSignInTest.challenge(form.getOrDefault("code_verifier", "")))) {
            answer(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(CLIENT_ID).subject("sub-rosa")
                .claim("preferred_username", "rosa").claim("groups", List.of("platform-admins")).claim("nonce", entry.get(1))
                .expirationTime(new Date(System.currentTimeMillis() + 600_000)).issueTime(new Date()).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(KEY));
            answer(exchange, 200, "application/json", Json.mapper().writeValueAsString(Map.of("id_token", jwt.serialize(),
                    "access_token", "opaque", "token_type", "Bearer")));
        } catch (JOSEException e) {
            throw new IOException(e);
        }
    }

    /** The end-session endpoint: remembers the request and returns the browser where it asks. */
    private static void logout(HttpExchange exchange) throws IOException {
        Map<String, String> query = OidcSignInTest.query(exchange.getRequestURI());
        SIGN_OUTS.add(query);
        redirect(exchange, onServer(query.getOrDefault("post_logout_redirect_uri", REDIRECT_URI)));
    }

    /** The configured mlforge URL's path and query on the running server (see the class comment). */
    private static String onServer(String configured) {
        URI uri = URI.create(configured);
        return server.baseUrl() + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
