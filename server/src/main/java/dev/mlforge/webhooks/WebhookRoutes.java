package dev.mlforge.webhooks;

import static dev.mlforge.http.MlflowRequest.required;

import dev.mlforge.api.EmptyResponse;
import dev.mlforge.api.webhooks.CreateWebhookRequest;
import dev.mlforge.api.webhooks.ListWebhooksRequest;
import dev.mlforge.api.webhooks.ListWebhookDeliveriesResponse;
import dev.mlforge.api.webhooks.ListWebhooksResponse;
import dev.mlforge.api.webhooks.TestWebhookRequest;
import dev.mlforge.api.webhooks.TestWebhookResponse;
import dev.mlforge.api.webhooks.WebhookTestResult;
import dev.mlforge.api.webhooks.UpdateWebhookRequest;
import dev.mlforge.api.webhooks.WebhookResponse;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlflowRequest;
import dev.mlforge.http.Role;
import dev.mlforge.search.ResultPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * MLflow 3's webhook API under {@code /api/2.0/mlflow/webhooks} and the UI's {@code /ajax-api/2.0/mlflow/webhooks}, and
 * mlforge's delivery log at {@code /api/v1/webhooks/{webhook_id}/deliveries}.
 * Every route is ADMIN, as MLflow's auth makes every webhook call admin-only (a webhook decides where registry changes go).
 */
final class WebhookRoutes implements dev.mlforge.http.Routes {
    private static final String[] PREFIXES = {"/api/2.0/mlflow/webhooks", "/ajax-api/2.0/mlflow/webhooks"};

    private final WebhookService service;

    WebhookRoutes(WebhookService service) {
        this.service = service;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        for (String prefix : PREFIXES) {
            routes.post(prefix, this::create, Role.ADMIN);
            routes.get(prefix, this::list, Role.ADMIN);
            routes.get(prefix + "/{webhook_id}", ctx -> ctx.json(new WebhookResponse(
                    WebhookWire.webhook(service.get(ctx.pathParam("webhook_id"))))), Role.ADMIN);
            routes.patch(prefix + "/{webhook_id}", this::update, Role.ADMIN);
            routes.delete(prefix + "/{webhook_id}", ctx -> {
                service.delete(ctx.pathParam("webhook_id"));
                ctx.json(EmptyResponse.INSTANCE);
            }, Role.ADMIN);
            routes.post(prefix + "/{webhook_id}/test", this::test, Role.ADMIN);
        }
        routes.get("/api/v1/webhooks/{webhook_id}/deliveries", this::deliveries, Role.ADMIN);
    }

    private void test(Context ctx) {
        TestWebhookRequest request = MlflowRequest.read(ctx, TestWebhookRequest.class);
        WebhookSender.Outcome outcome = service.test(ctx.pathParam("webhook_id"),
                request.event() == null ? null : WebhookWire.event(request.event()));
        ctx.json(new TestWebhookResponse(outcome.answered()
                ? new WebhookTestResult(outcome.status() < 400, outcome.status(), outcome.body(), null)
                : new WebhookTestResult(false, null, null, "Failed to test webhook: " + outcome.error())));
    }

    /** mlforge's extension: the delivery log MLflow does not keep. */
    private void deliveries(Context ctx) {
        ListWebhooksRequest request = MlflowRequest.read(ctx, ListWebhooksRequest.class);
        ResultPage<DeliveryAttempt> page = service.deliveries(ctx.pathParam("webhook_id"), request.maxResults(),
                request.pageToken());
        ctx.json(new ListWebhookDeliveriesResponse(page.items().stream().map(WebhookWire::delivery).toList(),
                page.nextPageToken()));
    }

    private void create(Context ctx) {
        CreateWebhookRequest request = MlflowRequest.read(ctx, CreateWebhookRequest.class);
        String name = required(request.name(), "name");
        String url = required(request.url(), "url");
        if (request.events().isEmpty() && !bodyHas(ctx, "events")) {
            throw MlflowRequest.missing("events"); // MLflow tells an absent list from an empty one
        }
        ctx.json(new WebhookResponse(WebhookWire.webhook(service.create(name, request.description(), url,
                WebhookWire.events(request.events()), request.secret(), WebhookStatus.parse(request.status())))));
    }

    private static boolean bodyHas(Context ctx, String field) {
        try {
            return Json.mapper().readTree(ctx.bodyAsBytes()).has(field);
        } catch (java.io.IOException unreadable) {
            return false; // MlflowRequest.read refused it already
        }
    }

    private void list(Context ctx) {
        ListWebhooksRequest request = MlflowRequest.read(ctx, ListWebhooksRequest.class);
        ResultPage<WebhookEntity> page = service.list(request.maxResults(), request.pageToken());
        ctx.json(new ListWebhooksResponse(page.items().stream().map(WebhookWire::webhook).toList(), page.nextPageToken()));
    }

    private void update(Context ctx) {
        UpdateWebhookRequest request = MlflowRequest.read(ctx, UpdateWebhookRequest.class);
        ctx.json(new WebhookResponse(WebhookWire.webhook(service.update(ctx.pathParam("webhook_id"), request.name(),
                request.description(), request.url(), WebhookWire.events(request.events()), request.secret(),
                WebhookStatus.parse(request.status())))));
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag mlflowWebhooks = ApiDoc.tag("MLflow webhooks");
        String base = PREFIXES[0];
        String one = base + "/{webhook_id}";
        return List.of(
                mlflowWebhooks.post(base, "Create a webhook").request(CreateWebhookRequest.class)
                        .response(WebhookResponse.class),
                mlflowWebhooks.get(base, "List webhooks")
                        .query("max_results", "the most webhooks in one page")
                        .query("page_token", "the next_page_token of the previous page")
                        .response(ListWebhooksResponse.class),
                mlflowWebhooks.get(one, "Get a webhook").response(WebhookResponse.class),
                mlflowWebhooks.patch(one, "Update a webhook").request(UpdateWebhookRequest.class)
                        .response(WebhookResponse.class),
                mlflowWebhooks.delete(one, "Delete a webhook").response(EmptyResponse.class),
                mlflowWebhooks.post(one + "/test", "Test a webhook: send it an example event")
                        .request(TestWebhookRequest.class).response(TestWebhookResponse.class),
                mlflowWebhooks.get("/api/v1/webhooks/{webhook_id}/deliveries", "The delivery log of an MLflow webhook: "
                        + "each try with its status, error and time (mlforge extension)")
                        .query("max_results", "the most deliveries in one page")
                        .query("page_token", "the next_page_token of the previous page")
                        .response(ListWebhookDeliveriesResponse.class));
    }
}
