package dev.mlforge.auth;

import dev.mlforge.config.ConfigException;
import dev.mlforge.config.ConfigValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How OIDC bearer tokens are checked ({@code auth.oidc.*}): the issuer and audience they must name, where the issuer's
 * keys are, and which groups make administrators and editors.
 *
 * @param issuer       required {@code iss}
 * @param audience     required {@code aud}
 * @param jwksUri      the issuer's JWK set
 * @param groupsClaim  claim holding the groups
 * @param adminGroups  groups of administrators
 * @param editorGroups groups whose members hold EDIT where they have no grant
 */
public record OidcSettings(String issuer, String audience, URI jwksUri, String groupsClaim, Set<String> adminGroups,
        Set<String> editorGroups) {

    /** The settings of {@code auth.mode=oidc}; issuer, audience and JWKS URI are required. */
    static OidcSettings from(ConfigValues values) {
        String issuer = values.string("auth.oidc.issuer", "");
        String audience = values.string("auth.oidc.audience", "");
        String jwks = values.string("auth.oidc.jwks-uri", "");
        if (issuer.isEmpty() || audience.isEmpty() || jwks.isEmpty()) {
            throw new ConfigException("auth.mode=oidc needs auth.oidc.issuer, auth.oidc.audience and auth.oidc.jwks-uri");
        }
        URI jwksUri;
        try {
            jwksUri = new URI(jwks);
        } catch (URISyntaxException e) {
            throw values.invalid("auth.oidc.jwks-uri", jwks, "an http(s) URL");
        }
        if (!"https".equals(jwksUri.getScheme()) && !"http".equals(jwksUri.getScheme())) {
            throw values.invalid("auth.oidc.jwks-uri", jwks, "an http(s) URL");
        }
        return new OidcSettings(issuer, audience, jwksUri, values.string("auth.oidc.groups-claim", "groups"),
                set(values.string("auth.oidc.admin-groups", "")), set(values.string("auth.oidc.editor-groups", "")));
    }

    private static Set<String> set(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(group -> !group.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
