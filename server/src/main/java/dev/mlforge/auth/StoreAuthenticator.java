package dev.mlforge.auth;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.Authenticator;
import dev.mlforge.http.IncomingRequest;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Establishes who calls from the {@code Authorization} header against the store: HTTP Basic with a user's password
 * (what {@code MLFLOW_TRACKING_USERNAME}/{@code PASSWORD} send) or {@code Bearer mlf_...} with an API token (what
 * {@code MLFLOW_TRACKING_TOKEN} sends). Credentials that are present but wrong answer 401 whatever the route; a request
 * without credentials is an unauthenticated identity holding no role, which only PUBLIC routes admit. In
 * {@code oidc} mode any other bearer token is checked as an OIDC token of the configured issuer. A request without an
 * {@code Authorization} header may carry the web UI's session cookie instead ({@link SessionDoor}).
 */
final class StoreAuthenticator implements Authenticator {
    private static final RequestIdentity NOBODY = new RequestIdentity("anonymous", false, Role.PUBLIC);

    private final UserService users;
    private final TokenService tokens;
    private final Roles roles;
    private final OidcVerifier oidc;
    private final SessionDoor sessions;

    /** {@code oidc} is null unless {@code auth.mode=oidc}. */
    StoreAuthenticator(UserService users, TokenService tokens, Roles roles, OidcVerifier oidc, Sessions sessions) {
        this.users = users;
        this.tokens = tokens;
        this.roles = roles;
        this.oidc = oidc;
        this.sessions = new SessionDoor(sessions, users, roles);
    }

    @Override
    public RequestIdentity authenticate(IncomingRequest request) {
        String header = request.header("Authorization");
        if (header == null || header.isBlank()) {
            return sessions.identify(request).orElse(NOBODY);
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return roles.identityOf(basic(header.substring(6).trim()));
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String secret = header.substring(7).trim();
            if (!secret.startsWith(TokenService.PREFIX)) {
                if (oidc == null) {
                    throw unauthenticated("Unsupported bearer token: expected an mlforge API token (mlf_...)");
                }
                OidcVerifier.Holder holder = oidc.verify(secret);
                return roles.identityOf(users.externalUser(holder.username()), holder.role());
            }
            ApiTokenEntity token = tokens.authenticate(secret);
            return roles.identityOf(users.findUser(token.userId()).orElseThrow(() ->
                    unauthenticated("Invalid, expired or revoked API token")));
        }
        throw unauthenticated("Unsupported Authorization scheme: use Basic or Bearer");
    }

    private UserEntity basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthenticated("Malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw unauthenticated("Malformed Basic credentials");
        }
        return users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static MlforgeException unauthenticated(String message) {
        return new MlforgeException(ErrorCode.UNAUTHENTICATED, message);
    }
}
