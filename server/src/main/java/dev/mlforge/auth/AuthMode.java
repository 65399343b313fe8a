package dev.mlforge.auth;

import java.util.Locale;

/** How the server establishes who calls ({@code auth.mode}): nobody is asked, users and tokens of the store, or also OIDC. */
public enum AuthMode {
    NONE,
    BASIC,
    OIDC;

    static AuthMode parse(String configured) {
        return valueOf(configured.trim().toUpperCase(Locale.ROOT));
    }

    /** True when requests must carry credentials the server checks. */
    public boolean authenticates() {
        return this != NONE;
    }
}
