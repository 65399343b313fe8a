package dev.mlforge.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks OIDC bearer tokens with Nimbus JOSE+JWT: the signature against the issuer's JWK set (fetched, cached for
 * 15 minutes, refetched at most every 30 s when an unknown key id arrives), then issuer, audience, expiry and
 * not-before against the application's clock, then maps the groups claim to a role.
 */
final class OidcVerifier {
    private static final long CACHE_TTL_MS = 15 * 60_000;
    private static final long REFRESH_TIMEOUT_MS = 5_000;

    private final OidcSettings settings;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    /**
     * SHA-256 of a token that verified -> its holder and expiry: a client sends the same token with every request, and
     * a signature check costs about as much as a single-row prediction. Kept at most 5 minutes (so a key the issuer
     * withdrew stops admitting its tokens by then) and never past the token's own expiry.
     */
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5)).build();

    /** What a valid token says about its holder. */
    record Holder(String username, Role role) {}

    private record Verified(Holder holder, Instant expires) {}

    OidcVerifier(OidcSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(settings.jwksUri().toURL()).cache(CACHE_TTL_MS, REFRESH_TIMEOUT_MS)
                    .retrying(false).refreshAheadCache(false).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("auth.oidc.jwks-uri is not a URL", e);
        }
        Set<JWSAlgorithm> algorithms = new HashSet<>(JWSAlgorithm.Family.RSA);
        algorithms.addAll(JWSAlgorithm.Family.EC);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(settings.audience(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("sub", "exp")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        processor.setJWTClaimsSetVerifier(claims);
    }

    Holder verify(String token) {
        String key = Sha256.hex(token);
        Verified known = verified.getIfPresent(key);
        if (known != null && clock.instant().isBefore(known.expires())) {
            return known.holder();
        }
        JWTClaimsSet claims = claims(token, "bearer token");
        Holder holder = holder(claims);
        verified.put(key, new Verified(holder, claims.getExpirationTime().toInstant()));
        return holder;
    }

    /**
     * An ID token of the web UI's sign-in (this verifier's audience is then the client id): checked as a bearer token
     * is, and it must carry the nonce the sign-in sent, so a token issued for another sign-in cannot be replayed.
     */
    Holder verifyIdToken(String token, String nonce) {
        JWTClaimsSet claims = claims(token, "ID token");
        String carried = text(claims, "nonce");
        if (carried == null || !java.security.MessageDigest.isEqual(carried.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                nonce.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw new MlforgeException(ErrorCode.UNAUTHENTICATED, "Invalid ID token: wrong nonce");
        }
        return holder(claims);
    }

    private JWTClaimsSet claims(String token, String what) {
        try {
            return processor.process(token, null);
        } catch (ParseException | com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
            throw new MlforgeException(ErrorCode.UNAUTHENTICATED, "Invalid " + what + ": " + reason(e));
        }
    }

    private Holder holder(JWTClaimsSet claims) {
        String username = text(claims, "preferred_username");
        if (username == null) {
            username = text(claims, "email");
        }
        if (username == null) {
            username = claims.getSubject();
        }
        List<String> groups = groups(claims);
        Role role = groups.stream().anyMatch(settings.adminGroups()::contains) ? Role.ADMIN
                : groups.stream().anyMatch(settings.editorGroups()::contains) ? Role.WRITE : null;
        return new Holder(username, role);
    }

    private List<String> groups(JWTClaimsSet claims) {
        Object value = claims.getClaim(settings.groupsClaim());
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value instanceof String single ? List.of(single) : List.of();
    }

    private static String text(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String text && !text.isBlank() ? text : null;
    }

    /** The check that failed, without key material or library class names. */
    private static String reason(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("expired")) {
            return "expired";
        }
        if (message.contains("audience") || message.contains("aud")) {
            return "wrong audience";
        }
        if (message.contains("iss")) {
            return "wrong issuer";
        }
        if (e instanceof ParseException) {
            return "not a JWT";
        }
        return "signature or claims rejected";
    }
}
