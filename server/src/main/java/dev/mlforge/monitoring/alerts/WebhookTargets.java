package dev.mlforge.monitoring.alerts;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.outbound.AddressPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps alert webhooks from reaching the server's own network (SSRF) with the shared {@link AddressPolicy}: a webhook
 * whose host is, or resolves to, a non-public address is refused unless {@code monitoring.webhook-allowed-hosts} names
 * its host. It is checked when the rule is created and again before every delivery, since a name may resolve elsewhere
 * later. This class words the refusals for the alert-rule API.
 */
public final class WebhookTargets {
    private final AddressPolicy policy;

    /** @param allowedHosts host names or IP literals (as written in the URL, IPv6 without brackets), any case */
    public WebhookTargets(Set<String> allowedHosts, HostResolver resolver) {
        this.policy = new AddressPolicy(allowedHosts, resolver);
    }

    /** The webhook URL in normal form, or INVALID_PARAMETER_VALUE naming the reason it may not be called. */
    String validate(String url) {
        URI uri = parse(url);
        refusal(uri, false).ifPresent(reason -> {
            throw MlforgeException.invalidParameter("Alert rule field 'webhook_url' is refused: " + reason);
        });
        return uri.toString();
    }

    /**
     * Why a delivery to {@code uri} must not be made now, if it must not: its host is not allowed and resolves to a
     * non-public address, or does not resolve at all.
     */
    Optional<String> refusalBeforeDelivery(URI uri) {
        return refusal(uri, true);
    }

    private Optional<String> refusal(URI uri, boolean mustResolve) {
        return policy.refusal(uri, mustResolve).map(refusal -> refusal.address() == null
                ? "host '" + refusal.host() + "' does not resolve"
                : "host '" + refusal.host() + "' " + (refusal.literal() ? "is" : "resolves to") + " the non-public address "
                        + refusal.address() + " (loopback, link-local, private or reserved); name it in "
                        + "monitoring.webhook-allowed-hosts to allow it");
    }

    /** Whether a connection to {@code address} leaves the host and its private networks. */
    static boolean isPublic(InetAddress address) {
        return AddressPolicy.isPublic(address);
    }

    static URI parse(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException invalid) {
            // reported below
        }
        throw MlforgeException.invalidParameter("Alert rule field 'webhook_url' must be an absolute http or https URL, got '" + url + "'");
    }

    @Override
    public String toString() {
        return "WebhookTargets" + policy.toString().substring("AddressPolicy".length());
    }
}
