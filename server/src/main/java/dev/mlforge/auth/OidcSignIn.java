package dev.mlforge.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The web UI's OIDC sign-in: the authorization-code flow with PKCE (S256), {@code state} and {@code nonce}. {@link #start}
 * answers where to send the browser and the flow's secrets, which the browser keeps in a short-lived HttpOnly cookie
 * (so any replica can finish the flow); {@link #finish} checks the returned state against it, exchanges the code at the
 * token endpoint, verifies the ID token with {@link OidcVerifier} (signature, issuer, the client id as audience,
 * expiry, nonce), maps its groups to a role as for bearer tokens, and opens a session.
 */
public final class OidcSignIn {
    /** The cookie holding the flow's state, nonce, PKCE verifier and the page to return to. */
    public static final String COOKIE = "mlforge_oidc";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OidcClientSettings client;
    private final OidcSettings issuer;
    private final OidcVerifier idTokens;
    private final Sessions sessions;
    private final UserService users;
    private final SecureRandom random;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    /** The authorization and token endpoints and the end-session endpoint (or null), set or discovered once. */
    private volatile URI[] endpoints;

    /** Where to send the browser, and the cookie value that {@link #finish} needs back. */
    public record Start(URI authorizationUrl, String flowCookie) {}

    /** A finished sign-in: the new session's secret and the page the user asked for. */
    public record Finish(String sessionSecret, String next) {}

    OidcSignIn(OidcClientSettings client, OidcSettings issuer, OidcVerifier idTokens, Sessions sessions, UserService users,
            SecureRandom random) {
        this.client = client;
        this.issuer = issuer;
        this.idTokens = idTokens;
        this.sessions = sessions;
        this.users = users;
        this.random = random;
    }

    /** Begins a sign-in that returns to {@code next} (already checked to be a local path). */
    public Start start(String next) {
        String state = secret();
        String nonce = secret();
        String verifier = secret();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client.clientId());
        query.put("redirect_uri", client.redirectUri().toString());
        query.put("scope", client.scopes());
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", base64(Sha256.of(verifier)));
        query.put("code_challenge_method", "S256");
        URI authorization = endpoints()[0];
        String separator = authorization.getRawQuery() == null ? "?" : "&";
        String cookie = String.join(".", state, nonce, verifier, base64(next.getBytes(StandardCharsets.UTF_8)));
        return new Start(URI.create(authorization + separator + form(query)), cookie);
    }

    /** Finishes the sign-in the issuer redirected back with; UNAUTHENTICATED for any check that fails. */
    public Finish finish(String code, String state, String flowCookie) {
        String[] flow = flowCookie == null ? new String[0] : flowCookie.split("\\.");
        if (flow.length != 4) {
            throw refused("no sign-in was started in this browser (or it took longer than 10 minutes)");
        }
        if (state == null || !MessageDigest.isEqual(flow[0].getBytes(StandardCharsets.US_ASCII),
                state.getBytes(StandardCharsets.US_ASCII))) {
            throw refused("the state does not match the one this browser sent");
        }
        if (code == null || code.isBlank()) {
            throw refused("the issuer sent no authorization code");
        }
        String idToken = exchange(code, flow[2]);
        OidcVerifier.Holder holder = idTokens.verifyIdToken(idToken, flow[1]);
        users.externalUser(holder.username());
        String next = new String(Base64.getUrlDecoder().decode(flow[3]), StandardCharsets.UTF_8);
        return new Finish(sessions.open(holder.username(), holder.role()), next);
    }

    private String exchange(String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", client.redirectUri().toString());
        form.put("client_id", client.clientId());
        form.put("code_verifier", verifier);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoints()[1]).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (!client.clientSecret().isEmpty()) {
            String pair = URLEncoder.encode(client.clientId(), StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(client.clientSecret(), StandardCharsets.UTF_8);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        JsonNode answer = fetch(request.build(), "token endpoint");
        String idToken = answer.path("id_token").asText("");
        if (idToken.isEmpty()) {
            throw refused("the token endpoint answered no id_token");
        }
        return idToken;
    }

    /**
     * Where to send the browser after its session here ended, so that it is signed out at the issuer too (OpenID
     * Connect RP-Initiated Logout: the issuer's {@code end_session_endpoint} with this client's id and the sign-in
     * page as {@code post_logout_redirect_uri}); null when the discovery document names no such endpoint or the
     * issuer cannot be reached (the session here has ended either way).
     */
    public URI signOutUrl() {
        URI endSession;
        try {
            endSession = endpoints()[2];
        } catch (MlforgeException e) {
            return null;
        }
        if (endSession == null) {
            return null;
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", client.clientId());
        query.put("post_logout_redirect_uri", client.redirectUri().resolve("/ui/login").toString());
        return URI.create(endSession + (endSession.getRawQuery() == null ? "?" : "&") + form(query));
    }

    /**
     * The authorization, token and end-session endpoints: configured, else from the issuer's discovery document (read
     * once); the end-session endpoint only from discovery, null when both others are configured or it names none.
     */
    private URI[] endpoints() {
        URI[] known = endpoints;
        if (known != null) {
            return known;
        }
        URI authorization = client.authorizationEndpoint();
        URI token = client.tokenEndpoint();
        URI endSession = null;
        if (authorization == null || token == null) {
            URI discovery = URI.create(issuer.issuer().replaceAll("/+$", "") + "/.well-known/openid-configuration");
            JsonNode document = fetch(HttpRequest.newBuilder(discovery).timeout(TIMEOUT).GET().build(), "discovery document");
            authorization = authorization != null ? authorization : URI.create(document.path("authorization_endpoint").asText());
            token = token != null ? token : URI.create(document.path("token_endpoint").asText());
            String end = document.path("end_session_endpoint").asText("");
            endSession = end.startsWith("https://") || end.startsWith("http://") ? URI.create(end) : null;
        }
        endpoints = new URI[] {authorization, token, endSession};
        return endpoints;
    }

    private JsonNode fetch(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new MlforgeException(ErrorCode.UNAUTHENTICATED, "OIDC sign-in failed: the issuer's " + what
                        + " answered " + response.statusCode());
            }
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new MlforgeException(ErrorCode.TEMPORARILY_UNAVAILABLE, "OIDC sign-in failed: the issuer's " + what
                    + " could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlforgeException(ErrorCode.TEMPORARILY_UNAVAILABLE, "OIDC sign-in interrupted");
        }
    }

    private static MlforgeException refused(String why) {
        return new MlforgeException(ErrorCode.UNAUTHENTICATED, "OIDC sign-in refused: " + why);
    }

    private String secret() {
        return Sessions.randomId(random);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
