package dev.mlforge.webhooks;

import dev.mlforge.http.MlforgeException;
import java.util.List;
import java.util.regex.Pattern;

/** MLflow's checks of a webhook's name and events (mlflow/utils/validation.py), with its messages. */
final class WebhookValidation {
    private static final Pattern NAME = Pattern.compile("^(?=.{1,63}$)[a-z0-9]([a-z0-9._-]*[a-z0-9])?$", Pattern.CASE_INSENSITIVE);

    private WebhookValidation() {}

    static String name(String name) {
        if (!NAME.matcher(name).matches()) {
            throw MlforgeException.invalidParameter("Webhook name " + WebhookUrls.quoted(name) + " is invalid. It must start "
                    + "and end with a letter or digit, be less than 63 characters long, and contain only letters, digits, "
                    + "dots (.), underscores (_), and hyphens (-).");
        }
        return name;
    }

    static List<EventType> events(List<EventType> events) {
        if (events.isEmpty()) {
            throw MlforgeException.invalidParameter("Webhook events must be a non-empty list of WebhookEvent objects: [].");
        }
        return events;
    }
}
