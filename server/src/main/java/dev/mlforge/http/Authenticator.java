package dev.mlforge.http;

/**
 * Establishes who sent a request, once per request, before any route runs: the hook where basic, token or OIDC
 * authentication plugs in without touching the routes. An implementation answers an identity, or throws
 * {@link MlforgeException} with {@code UNAUTHENTICATED} for credentials that are present but wrong.
 */
@FunctionalInterface
public interface Authenticator {
    RequestIdentity authenticate(IncomingRequest request);

    /** No authentication: every request is {@link RequestIdentity#anonymous()}. */
    static Authenticator none() {
        return request -> RequestIdentity.anonymous();
    }
}
