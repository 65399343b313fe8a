package dev.mlforge.webhooks;

import dev.mlforge.events.EventBus;
import dev.mlforge.http.Feature;
import dev.mlforge.http.Routes;
import dev.mlforge.outbound.AddressPolicy;
import dev.mlforge.outbound.HostResolver;
import dev.mlforge.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * MLflow 3's model-registry webhooks assembled from their parts: the store, the service and routes, and the
 * dispatcher that delivers registry events from the bus once started.
 */
public final class Webhooks implements Feature {
    private final WebhookService service;
    private final WebhookSender sender;
    private final WebhookDispatcher dispatcher;

    public Webhooks(Database database, WebhooksConfig config, EventBus events, PromptModels prompts, Clock clock) {
        WebhookStore store = new JdbiWebhookStore(database, new SecretCipher(config.secretEncryptionKey()));
        WebhookTargets targets = new WebhookTargets(new AddressPolicy(config.allowedHosts(), HostResolver.SYSTEM));
        this.sender = new WebhookSender(store, config, targets, clock);
        this.service = new WebhookService(store, new WebhookUrls(config.allowedSchemes(), targets), clock,
                () -> UUID.randomUUID().toString(), sender);
        this.dispatcher = new WebhookDispatcher(events, new Payloads(prompts), store, sender);
    }

    @Override
    public List<Routes> routes() {
        return List.of(new WebhookRoutes(service));
    }

    @Override
    public void start() {
        dispatcher.start();
    }

    @Override
    public void close() {
        dispatcher.close();
        sender.close();
    }
}
