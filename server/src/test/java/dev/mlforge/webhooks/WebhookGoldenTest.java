package dev.mlforge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the MLflow 3.11 client sent for webhooks and MLflow 3.11's server answered, replayed against mlforge on SQLite
 * and on PostgreSQL (fixture {@code golden/webhooks/mlflow3_webhook_exchange.json}).
 */
class WebhookGoldenTest {
    @RegisterExtension
    final ApplicationExtension sqlite = configured(ApplicationExtension.sqlite()).startOnFirstUse();
    @RegisterExtension
    final ApplicationExtension postgres = configured(ApplicationExtension.postgres()).startOnFirstUse();
    Receiver receiver;

    private static ApplicationExtension configured(ApplicationExtension server) {
        return server.withConfig("webhooks.allowed-schemes", "http,https").withConfig("webhooks.allowed-hosts", "127.0.0.1,example.com")
                .withConfig("webhooks.max-attempts", "1");
    }

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void the_mlflow_client_exchange_gets_mlflows_answers_on_sqlite() {
        assertThat(MlflowWebhookGolden.differences(sqlite, receiver.url(""))).isEmpty();
    }

    @Test
    void the_mlflow_clients_test_webhook_calls_get_the_results_the_client_reads() {
        receiver.failingAt("/fail");
        assertThat(MlflowWebhookGolden.clientTestDifferences(sqlite, receiver.url(""))).isEmpty();
        assertThat(receiver.received).extracting(Receiver.Received::path).containsExactlyInAnyOrder("/ok", "/ok", "/fail", "/ok");
    }

    @Test
    void the_mlflow_client_exchange_gets_mlflows_answers_on_postgresql() {
        assertThat(MlflowWebhookGolden.differences(postgres, receiver.url(""))).isEmpty();
    }
}
