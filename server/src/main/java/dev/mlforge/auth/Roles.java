package dev.mlforge.auth;

import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;

/**
 * The route role of an authenticated user on routes no resource permission governs: administrators hold ADMIN,
 * others what the default permission allows (READ or USE: READ; EDIT or MANAGE: WRITE; NO_PERMISSIONS: none).
 */
record Roles(Permission defaultPermission) {
    RequestIdentity identityOf(UserEntity user) {
        return new RequestIdentity(user.username(), true, user.admin() ? Role.ADMIN : roleOf(defaultPermission));
    }

    /** An OIDC holder: its groups may raise the role (ADMIN, or WRITE for editors) above the default's. */
    RequestIdentity identityOf(UserEntity user, Role fromGroups) {
        RequestIdentity base = identityOf(user);
        return fromGroups != null && fromGroups.includes(base.role())
                ? new RequestIdentity(user.username(), true, fromGroups) : base;
    }

    static Role roleOf(Permission permission) {
        return permission.role();
    }

    static boolean isAdmin(RequestIdentity identity) {
        return identity.authenticated() && identity.role() == Role.ADMIN;
    }
}
