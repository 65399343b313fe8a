package dev.mlforge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.outbound.AddressPolicy;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SSRF probe against MLflow webhooks: a webhook whose URL reaches the server's own network is refused when saved
 * (unless {@code webhooks.allowed-hosts} names its host), and a host that resolves to such an address at delivery time
 * is not called (the refusal is logged as a failed delivery).
 */
class WebhookAddressTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("webhooks.allowed-schemes", "http,https");
    Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void webhooks_to_internal_addresses_are_refused_when_created_or_updated() {
        List<String> internal = List.of(receiver.url("/hook"), receiver.url("/hook").replace("127.0.0.1", "localhost"),
                "http://2130706433/", "http://[::1]/", "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/",
                "http://172.16.0.1/", "http://192.168.1.1/", "http://100.64.0.1/", "http://[fd12:3456::1]/", "http://[fe80::1]/",
                "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:a9fe:a9fe]/", "http://[64:ff9b::a00:1]/",
                "https://224.0.0.1/");
        for (String url : internal) {
            TestHttp.Response answer = server.http().post(WebhookApiTest.API, Map.of("name", "probe", "url", url,
                    "events", List.of(WebhookApiTest.event("REGISTERED_MODEL", "CREATED"))));
            assertThat(answer.status()).as(url + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(answer.json().get("message").asText()).as(url)
                    .startsWith("Webhook URL must not resolve to a non-public IP address.")
                    .endsWith("Name the host in webhooks.allowed-hosts to allow it.");
        }
        assertThat(server.http().get(WebhookApiTest.API).body()).isEqualTo("{}");
        assertThat(receiver.received).isEmpty();
    }

    @Test
    void a_webhook_cannot_be_moved_to_an_internal_address() {
        String id = server.http().post(WebhookApiTest.API, Map.of("name", "public", "url", "http://93.184.215.14/hook",
                "events", List.of(WebhookApiTest.event("REGISTERED_MODEL", "CREATED")))).json(200).at("/webhook/webhook_id").asText();
        TestHttp.Response moved = server.http().patch(WebhookApiTest.API + "/" + id, Map.of("url", "http://169.254.169.254/"));
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.json().get("message").asText()).startsWith("Webhook URL must not resolve to a non-public IP address. "
                + "'169.254.169.254' resolves to 169.254.169.254.");
        assertThat(server.http().get(WebhookApiTest.API + "/" + id).json(200).at("/webhook/url").asText())
                .isEqualTo("http://93.184.215.14/hook");
    }

    @Test
    void a_host_that_resolves_to_an_internal_address_at_delivery_time_is_not_called_and_the_refusal_is_logged() {
        // hooks.example.com was public when the webhook was saved; now the resolver points it at the metadata service.
        AddressPolicy rebound = new AddressPolicy(Set.of(), host -> new InetAddress[] {InetAddress.getByName("169.254.169.254")});
        WebhookStore store = new JdbiWebhookStore(server.application().database(), new SecretCipher(null));
        WebhooksConfig config = new WebhooksConfig(List.of("https"), Set.of(), 3, Duration.ofMillis(10), Duration.ofSeconds(5), "", 2,
                Duration.ZERO);
        WebhookEntity webhook = new WebhookEntity("5c0f4f39-4f7e-4d8e-9a57-1f4f6f0e2b11", "rebound", null,
                "https://hooks.example.com/hook", List.of(new EventType(EventType.Entity.REGISTERED_MODEL, EventType.Action.CREATED)),
                WebhookStatus.ACTIVE, "k", 1L, 1L);
        store.insert(webhook);
        try (WebhookSender sender = new WebhookSender(store, config, new WebhookTargets(rebound), Clock.systemUTC())) {
            WebhookSender.Outcome outcome = sender.deliver(webhook,
                    Payloads.example(webhook.events().get(0)), false).join();
            assertThat(outcome.answered()).isFalse();
            assertThat(outcome.error()).isEqualTo("refused: host 'hooks.example.com' resolves to the non-public address "
                    + "169.254.169.254 (name it in webhooks.allowed-hosts to allow it)");
        }
        List<DeliveryAttempt> log = store.attempts(webhook.id(), 0, 10);
        assertThat(log).singleElement().satisfies(attempt -> {
            assertThat(attempt.success()).isFalse();
            assertThat(attempt.error()).startsWith("refused: host 'hooks.example.com'");
        });
    }
}
