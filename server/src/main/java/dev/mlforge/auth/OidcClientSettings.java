package dev.mlforge.auth;

import dev.mlforge.config.ConfigException;
import dev.mlforge.config.ConfigValues;
import java.net.URI;

/**
 * The web UI's OIDC sign-in as a client of the issuer ({@code auth.oidc.client-id} and the keys beside it): without a
 * client id the UI signs in with passwords only. The endpoints come from the issuer's discovery document unless set.
 *
 * @param clientId              {@code auth.oidc.client-id}
 * @param clientSecret          {@code auth.oidc.client-secret} (from {@code MLFORGE_AUTH_OIDC_CLIENT_SECRET}); empty for a
 *                              public client, which PKCE protects
 * @param redirectUri           {@code auth.oidc.redirect-uri}, this server's {@code /ui/oidc/callback} as the issuer knows it
 * @param authorizationEndpoint {@code auth.oidc.authorization-endpoint}, null to discover
 * @param tokenEndpoint         {@code auth.oidc.token-endpoint}, null to discover
 * @param scopes                {@code auth.oidc.scopes}
 */
record OidcClientSettings(String clientId, String clientSecret, URI redirectUri, URI authorizationEndpoint,
        URI tokenEndpoint, String scopes) {

    /** The client settings, or null when no client id is configured. */
    static OidcClientSettings from(ConfigValues values) {
        String clientId = values.string("auth.oidc.client-id", "");
        if (clientId.isEmpty()) {
            return null;
        }
        URI redirect = uri(values, "auth.oidc.redirect-uri");
        if (redirect == null) {
            throw new ConfigException("auth.oidc.client-id needs auth.oidc.redirect-uri (this server's /ui/oidc/callback URL)");
        }
        return new OidcClientSettings(clientId, values.string("auth.oidc.client-secret", ""), redirect,
                uri(values, "auth.oidc.authorization-endpoint"), uri(values, "auth.oidc.token-endpoint"),
                values.string("auth.oidc.scopes", "openid profile email"));
    }

    private static URI uri(ConfigValues values, String key) {
        String text = values.string(key, "");
        if (text.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // answered below
        }
        throw values.invalid(key, text, "an http(s) URL");
    }

    @Override
    public String toString() {
        return "OidcClientSettings[clientId=" + clientId + ", clientSecret=" + (clientSecret.isEmpty() ? "unset" : "<redacted>")
                + ", redirectUri=" + redirectUri + "]";
    }
}
