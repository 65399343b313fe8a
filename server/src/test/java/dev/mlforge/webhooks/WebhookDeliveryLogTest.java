package dev.mlforge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.config.ConfigValues;
import dev.mlforge.outbound.AddressPolicy;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The delivery log keeps {@code webhooks.delivery-retention-days} of attempts; deliveries run on a bounded pool. */
class WebhookDeliveryLogTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    /** A webhook whose host resolves to the metadata service: each delivery is refused and logged, with no network. */
    private WebhookEntity refusedWebhook(WebhookStore store) {
        WebhookEntity webhook = new WebhookEntity("8d7e3c1a-0f4b-4c55-9d1e-2b6a7f9e0c33", "pruned", null,
                "https://hooks.example.com/hook", List.of(new EventType(EventType.Entity.REGISTERED_MODEL, EventType.Action.CREATED)),
                WebhookStatus.ACTIVE, "k", 1L, 1L);
        store.insert(webhook);
        return webhook;
    }

    private static WebhookTargets refusingTargets() {
        return new WebhookTargets(new AddressPolicy(Set.of(), host -> new InetAddress[] {InetAddress.getByName("169.254.169.254")}));
    }

    private static WebhooksConfig config(Duration retention) {
        return new WebhooksConfig(List.of("https"), Set.of(), 1, Duration.ofMillis(10), Duration.ofSeconds(5), "", 2, retention);
    }

    @Test
    void attempts_older_than_the_retention_are_pruned_once_the_prune_interval_has_passed() {
        WebhookStore store = new JdbiWebhookStore(server.application().database(), new SecretCipher(null));
        WebhookEntity webhook = refusedWebhook(store);
        MutableClock clock = new MutableClock(START);
        try (WebhookSender sender = new WebhookSender(store, config(Duration.ofDays(1)), refusingTargets(), clock)) {
            Notice notice = Payloads.example(webhook.events().get(0));
            sender.deliver(webhook, notice, false).join();
            clock.advance(Duration.ofHours(20));
            sender.deliver(webhook, notice, false).join(); // the first attempt is 20 h old: inside the retention
            assertThat(store.attempts(webhook.id(), 0, 10)).hasSize(2);

            clock.advance(Duration.ofHours(10));
            sender.deliver(webhook, notice, false).join();

            assertThat(store.attempts(webhook.id(), 0, 10)).extracting(DeliveryAttempt::timeMs).containsExactly(
                    START.plus(Duration.ofHours(30)).toEpochMilli(), START.plus(Duration.ofHours(20)).toEpochMilli());
        }
    }

    @Test
    void a_retention_of_zero_keeps_every_attempt() {
        WebhookStore store = new JdbiWebhookStore(server.application().database(), new SecretCipher(null));
        WebhookEntity webhook = refusedWebhook(store);
        MutableClock clock = new MutableClock(START);
        try (WebhookSender sender = new WebhookSender(store, config(Duration.ZERO), refusingTargets(), clock)) {
            Notice notice = Payloads.example(webhook.events().get(0));
            sender.deliver(webhook, notice, false).join();
            clock.advance(Duration.ofDays(400));
            sender.deliver(webhook, notice, false).join();
        }
        assertThat(store.attempts(webhook.id(), 0, 10)).hasSize(2);
    }

    @Test
    void the_sender_pool_and_the_retention_come_from_their_config_keys() {
        WebhooksConfig config = WebhooksConfig.from(ConfigValues.of(Map.of("webhooks.sender-threads", "3",
                "webhooks.delivery-retention-days", "7")));
        assertThat(config.senderThreads()).isEqualTo(3);
        assertThat(config.deliveryRetention()).isEqualTo(Duration.ofDays(7));
        WebhooksConfig defaults = WebhooksConfig.from(ConfigValues.of(Map.of()));
        assertThat(defaults.senderThreads()).isEqualTo(4);
        assertThat(defaults.deliveryRetention()).isEqualTo(Duration.ofDays(30));
    }
}
