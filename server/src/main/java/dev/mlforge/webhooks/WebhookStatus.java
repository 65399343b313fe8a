package dev.mlforge.webhooks;

import dev.mlforge.http.MlforgeException;

/** Whether a webhook receives events; a DISABLED one keeps its subscription but is never called. */
enum WebhookStatus {
    ACTIVE, DISABLED;

    /** A status as a client writes it (proto name or number); null or empty when not given. */
    static WebhookStatus parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        for (WebhookStatus status : values()) {
            if (status.name().equalsIgnoreCase(text) || String.valueOf(status.ordinal() + 1).equals(text)) {
                return status;
            }
        }
        throw MlforgeException.invalidParameter("Invalid webhook status '" + text + "'. Valid values are: ACTIVE, DISABLED");
    }
}
