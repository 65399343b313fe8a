package dev.mlforge.registry;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who sent a request: the user name of HTTP Basic credentials (as MLflow clients send them), else null. The
 * password is not checked (the server has no users yet): the name is a claim, recorded as given, and
 * {@link #actor} marks it unauthenticated.
 */
final class Requesters {
    private Requesters() {}

    /** The sender as an {@link Actor}; unauthenticated until the server verifies credentials. */
    static Actor actor(Context ctx) {
        return Actor.unauthenticated(of(ctx));
    }

    static String of(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return user.isEmpty() ? null : user;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
