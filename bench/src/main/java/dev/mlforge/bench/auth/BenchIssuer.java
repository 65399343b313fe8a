package dev.mlforge.bench.auth;

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
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * An OIDC issuer for the bench: an RSA key generated at start, its public JWK set served on loopback by the JDK's HTTP
 * server, and RS256 tokens signed with it, as an identity provider would issue them.
 */
final class BenchIssuer implements AutoCloseable {
    static final String ISSUER = "https://issuer.bench";
    static final String AUDIENCE = "mlforge-bench";
    static final String EDITORS = "ml-engineers";

    private final RSAKey key;
    private final HttpServer http;

    BenchIssuer() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("bench-key").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
    }

    /** The server settings of {@code auth.mode=oidc} against this issuer; its editors' group holds EDIT. */
    Map<String, String> serverSettings() {
        return Map.of("auth.mode", "oidc", "auth.oidc.issuer", ISSUER, "auth.oidc.audience", AUDIENCE,
                "auth.oidc.jwks-uri", "http://127.0.0.1:" + http.getAddress().getPort() + "/jwks.json",
                "auth.oidc.editor-groups", EDITORS);
    }

    /** A bearer token for {@code username} in the editors' group, valid for an hour. */
    String token(String username) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(username)
                .claim("preferred_username", username).claim("groups", List.of(EDITORS))
                .expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).issueTime(new Date()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return "Bearer " + jwt.serialize();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
