package dev.mlforge.http;

import dev.mlforge.api.ErrorCode;

/**
 * Decides, once per matched request and after the {@link Authenticator}, whether the identity may make it: the hook
 * where resource permissions (who may read or change which experiment) plug in without touching the routes. The
 * default, {@link #roles()}, compares the identity's role with the one the route declared.
 */
@FunctionalInterface
public interface AccessPolicy {
    /**
     * Returns normally to let the request through; throws {@link MlforgeException} with {@code UNAUTHENTICATED} or
     * {@code PERMISSION_DENIED} otherwise.
     *
     * @param required the role the route declared (READ to look and WRITE to change when it declared none)
     */
    void check(RequestIdentity identity, AccessRequest request, Role required);

    /** Only the route's declared role counts. */
    static AccessPolicy roles() {
        return AccessPolicy::requireRole;
    }

    /** Passes when the identity holds {@code required}; else 401 for an unauthenticated caller, 403 for another. */
    static void requireRole(RequestIdentity identity, AccessRequest request, Role required) {
        if (!identity.holds(required)) {
            throw identity.authenticated()
                    ? new MlforgeException(ErrorCode.PERMISSION_DENIED, "User '" + identity.name() + "' may not "
                            + request.method() + " " + request.path() + ": it needs the " + required + " role")
                    : new MlforgeException(ErrorCode.UNAUTHENTICATED, "Authentication is required for "
                            + request.method() + " " + request.path());
        }
    }
}
