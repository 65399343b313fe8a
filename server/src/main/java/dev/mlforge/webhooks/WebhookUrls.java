package dev.mlforge.webhooks;

import dev.mlforge.http.MlforgeException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs a webhook may call, checked as MLflow checks them (mlflow/utils/validation.py
 * {@code _validate_webhook_url}) and with its messages: an allowed scheme ({@code webhooks.allowed-schemes}, MLflow's
 * default {@code https} only), a host, and an address outside the server's own network ({@link WebhookTargets}).
 */
final class WebhookUrls {
    private final List<String> allowedSchemes;
    private final WebhookTargets targets;

    WebhookUrls(List<String> allowedSchemes, WebhookTargets targets) {
        this.allowedSchemes = List.copyOf(allowedSchemes);
        this.targets = targets;
    }

    /** The URL as given, or INVALID_PARAMETER_VALUE saying why it may not be called. */
    String validate(String url) {
        if (url.isBlank()) {
            throw MlforgeException.invalidParameter("Webhook URL cannot be empty or just whitespace: " + quoted(url));
        }
        URI uri = parse(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!allowedSchemes.contains(scheme)) {
            throw MlforgeException.invalidParameter("Invalid webhook URL scheme: " + quoted(scheme) + ". Allowed schemes are: "
                    + String.join(", ", allowedSchemes) + ".");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw MlforgeException.invalidParameter("Webhook URL must include a hostname: " + quoted(url));
        }
        targets.checkOnSave(uri);
        return url;
    }

    static URI parse(String url) {
        try {
            return new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw MlforgeException.invalidParameter("Invalid webhook URL " + quoted(url) + ": " + e.getReason());
        }
    }

    /** A string as Python's {@code repr} writes it in MLflow's messages. */
    static String quoted(String text) {
        return text.contains("'") && !text.contains("\"") ? "\"" + text + "\"" : "'" + text.replace("'", "\\'") + "'";
    }
}
