package dev.mlforge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlforge.store.WorkspaceContext;
import dev.mlforge.testing.ApplicationExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A webhook receives the registry events of its own workspace only: a webhook of {@code team-a} and one of
 * {@code team-b}, subscribed to the same events, each get their workspace's model and version and nothing of the
 * other's, with payloads read in that workspace.
 */
class WebhookWorkspacesTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("webhooks.allowed-schemes", "http,https").withConfig("webhooks.allowed-hosts", "127.0.0.1");
    Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private void in(String workspace, String path, Map<String, Object> body) {
        server.http().send("POST", path, "application/json", body, WorkspaceContext.HEADER, workspace).ok();
    }

    @Test
    void each_webhook_gets_its_workspaces_events_only() {
        for (String workspace : List.of("team-a", "team-b")) {
            server.http().post("/api/3.0/mlflow/workspaces", Map.of("name", workspace)).json(201);
            in(workspace, WebhookApiTest.API, Map.of("name", "hook", "url", receiver.url("/" + workspace), "events",
                    List.of(WebhookApiTest.event("REGISTERED_MODEL", "CREATED"), WebhookApiTest.event("MODEL_VERSION", "CREATED"))));
        }
        in("team-b", WebhookDeliveryTest.REGISTRY + "registered-models/create", Map.of("name", "wine"));
        in("team-b", WebhookDeliveryTest.REGISTRY + "model-versions/create", Map.of("name", "wine", "source", "s3://b/m"));
        in("team-a", WebhookDeliveryTest.REGISTRY + "registered-models/create", Map.of("name", "beer"));
        // one bus thread delivers in order: once team-a's last event arrived, every earlier one has been dispatched
        in("team-a", WebhookDeliveryTest.REGISTRY + "registered-models/create", Map.of("name", "last"));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.stream()
                .anyMatch(request -> request.body().contains("\"last\"")));

        assertThat(bodies("/team-b")).hasSize(2).allMatch(body -> body.contains("\"name\": \"wine\""));
        assertThat(bodies("/team-a")).hasSize(2).noneMatch(body -> body.contains("wine"));
    }

    private List<String> bodies(String path) {
        return receiver.received.stream().filter(request -> request.path().equals(path)).map(Receiver.Received::body).toList();
    }
}
