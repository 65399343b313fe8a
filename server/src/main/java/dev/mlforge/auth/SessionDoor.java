package dev.mlforge.auth;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.IncomingRequest;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import java.util.Optional;
import java.util.Set;

/**
 * The web UI's session cookie as an identity at the door: a live session names its user (with the role its OIDC groups
 * granted), who is then authorized exactly as with Basic or a token. A state-changing request authenticated this way
 * must carry the session's CSRF token in {@value #CSRF_HEADER} (the UI's {@code fetch()} wrapper sends it), else 403:
 * a cookie is sent by the browser whoever wrote the request. An unknown, ended or idle session is no identity at all,
 * so pages send the browser to the sign-in form.
 */
final class SessionDoor {
    /** The header carrying the CSRF token of the session. */
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** Form routes that check the CSRF token of their form field themselves (and sign-in, which has no session yet). */
    private static final Set<String> FORM_ROUTES = Set.of("/ui/login", "/ui/logout");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Sessions sessions;
    private final UserService users;
    private final Roles roles;

    SessionDoor(Sessions sessions, UserService users, Roles roles) {
        this.sessions = sessions;
        this.users = users;
        this.roles = roles;
    }

    Optional<RequestIdentity> identify(IncomingRequest request) {
        String secret = Sessions.fromCookieHeader(request.header("Cookie"));
        if (secret == null) {
            return Optional.empty();
        }
        Optional<RequestIdentity> identity = sessions.find(secret).flatMap(session -> users.findUser(session.username())
                .map(user -> roles.identityOf(user, session.groupRole())));
        if (identity.isPresent() && WRITES.contains(request.method()) && !FORM_ROUTES.contains(request.path())
                && !Sessions.csrfMatches(secret, request.header(CSRF_HEADER))) {
            throw new MlforgeException(ErrorCode.PERMISSION_DENIED, "Missing or wrong CSRF token: a request signed in "
                    + "with the web UI's session must carry the page's token in the " + CSRF_HEADER + " header");
        }
        return identity;
    }
}
