package dev.mlforge.webhooks;

import dev.mlforge.config.ConfigValues;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Webhook settings: the URL schemes a webhook may use ({@code webhooks.allowed-schemes}, comma-separated, MLflow's
 * default {@code https}).
 */
public record WebhooksConfig(List<String> allowedSchemes) {

    public WebhooksConfig {
        allowedSchemes = List.copyOf(allowedSchemes);
    }

    public static WebhooksConfig from(ConfigValues values) {
        return new WebhooksConfig(list(values.string("webhooks.allowed-schemes", "https")));
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(item -> !item.isEmpty())
                .map(item -> item.toLowerCase(Locale.ROOT)).toList();
    }
}
