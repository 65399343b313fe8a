package dev.mlforge.webhooks;

import dev.mlforge.http.Feature;
import dev.mlforge.http.Routes;
import dev.mlforge.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** MLflow 3's model-registry webhooks assembled from their parts: the store, the service and the routes. */
public final class Webhooks implements Feature {
    private final WebhookService service;

    public Webhooks(Database database, WebhooksConfig config, Clock clock) {
        WebhookStore store = new JdbiWebhookStore(database);
        this.service = new WebhookService(store, new WebhookUrls(config.allowedSchemes()), clock,
                () -> UUID.randomUUID().toString());
    }

    @Override
    public List<Routes> routes() {
        return List.of(new WebhookRoutes(service));
    }
}
