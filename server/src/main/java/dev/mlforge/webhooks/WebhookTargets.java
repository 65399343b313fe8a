package dev.mlforge.webhooks;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.outbound.AddressPolicy;
import java.net.URI;
import java.util.Optional;

/**
 * Keeps MLflow webhooks from reaching the server's own network (SSRF) with the shared {@link AddressPolicy}: as MLflow
 * does (without {@code MLFLOW_WEBHOOK_ALLOW_PRIVATE_IPS}), a webhook's host must resolve, and to public addresses only,
 * when it is saved; it is resolved and checked again before every delivery. Hosts named in {@code webhooks.allowed-hosts}
 * are exempt (how a receiver on the server's own network is let through, explicitly).
 */
final class WebhookTargets {
    private final AddressPolicy policy;

    WebhookTargets(AddressPolicy policy) {
        this.policy = policy;
    }

    /** Refuses, with MLflow's messages, a URL whose host does not resolve or resolves to a non-public address. */
    void checkOnSave(URI uri) {
        policy.refusal(uri, true).ifPresent(refusal -> {
            throw MlforgeException.invalidParameter(refusal.address() == null
                    ? "Cannot resolve webhook URL hostname " + WebhookUrls.quoted(refusal.host())
                    : "Webhook URL must not resolve to a non-public IP address. " + WebhookUrls.quoted(refusal.host())
                            + " resolves to " + refusal.address() + ". Name the host in webhooks.allowed-hosts to allow it.");
        });
    }

    /** Why a delivery to {@code uri} must not be made now, if it must not. */
    Optional<String> refusalBeforeDelivery(URI uri) {
        return policy.refusal(uri, true).map(refusal -> refusal.address() == null
                ? "host '" + refusal.host() + "' does not resolve"
                : "host '" + refusal.host() + "' resolves to the non-public address " + refusal.address()
                        + " (name it in webhooks.allowed-hosts to allow it)");
    }
}
