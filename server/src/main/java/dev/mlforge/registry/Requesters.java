package dev.mlforge.registry;

import dev.mlforge.http.RequestIdentity;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who sent a request. When the server authenticates ({@code auth.mode} basic or oidc), it is the identity the door
 * verified: an invented Basic name without its password never reaches a route (401). Without authentication it is the
 * user name of HTTP Basic credentials as sent (as MLflow clients send them), else null: a claim recorded as given,
 * which {@link #actor} marks unauthenticated.
 */
final class Requesters {
    private Requesters() {}

    /** The sender as an {@link Actor}: authenticated only when the door verified it. */
    static Actor actor(Context ctx) {
        RequestIdentity identity = RequestIdentity.of(ctx);
        return identity.authenticated() ? new Actor(identity.name(), true) : Actor.unauthenticated(claimedName(ctx));
    }

    static String of(Context ctx) {
        return actor(ctx).name();
    }

    private static String claimedName(Context ctx) {
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
