package dev.mlforge.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.app.EventBuses;
import dev.mlforge.config.ConfigException;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.events.AlertChanged;
import dev.mlforge.events.AliasChanged;
import dev.mlforge.events.DriftDetected;
import dev.mlforge.events.Event;
import dev.mlforge.events.EventBus;
import dev.mlforge.events.ModelRegistered;
import dev.mlforge.events.ModelVersionDeleted;
import dev.mlforge.events.ModelVersionTagChanged;
import dev.mlforge.events.PipelineFinished;
import dev.mlforge.events.RegisteredModelCreated;
import dev.mlforge.events.RegisteredModelTagChanged;
import dev.mlforge.events.ModelVersionTransitioned;
import dev.mlforge.serving.DeploymentRolledBack;
import dev.mlforge.serving.ModelDeployed;
import dev.mlforge.serving.TrafficPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka event bus against one in-process KRaft broker for the whole class; each test uses its own topic. */
class KafkaEventBusTest {
    private static final Instant T = Instant.parse("2026-12-04T13:00:00.123456Z");
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static KafkaEventBus bus(String topic, String group) {
        return new KafkaEventBus(KafkaSettings.from(Map.of("bootstrap-servers", broker.bootstrapServers(),
                "topic", topic, "group-id", group)), Duration.ofMillis(10));
    }

    private static KafkaEventBus started(KafkaEventBus bus) throws InterruptedException {
        bus.start();
        assertThat(bus.awaitAssignment(Duration.ofSeconds(30))).as("consumer assigned").isTrue();
        return bus;
    }

    static List<Event> oneOfEach() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("z", "1");
        tags.put("a", "2");
        return List.of(
                new RegisteredModelCreated("fraud", "a model", tags, T),
                new RegisteredModelTagChanged("fraud", "team", null, T),
                new ModelRegistered("fraud", "3", "run1", "models:/m-1", null, tags, T),
                new ModelVersionTagChanged("fraud", "3", "approved", "yes", T),
                new ModelVersionTransitioned("fraud", "3", "None", "Production", "alice", T),
                new ModelVersionDeleted("fraud", "1", T),
                new AliasChanged("fraud", "champion", "2", "3", "alice", T),
                new ModelDeployed("fraud-api", "primary", "models:/fraud/3", "fraud", "3", T),
                new DeploymentRolledBack("fraud-api", new TrafficPolicy("models:/fraud/3", "models:/fraud/4", 10, null, "x-user"),
                        new TrafficPolicy("models:/fraud/3", null, 0, null, null), T),
                new DriftDetected("mon-1", "fraud-api", 0.5, List.of("amount", "age"), T, "dataset wine v2", T),
                new AlertChanged("a1", "drift high", "fraud-api", "drift_share", "firing", 0.6, 0.5, T),
                new PipelineFinished("p1", "retrain", "SUCCEEDED", "drift:t1", "run1", null, T));
    }

    @Test
    void everyEventTypeMakesTheRoundTripAndSubscribersGetOnlyTheirType() throws Exception {
        List<Event> all = new CopyOnWriteArrayList<>();
        List<AliasChanged> aliases = new CopyOnWriteArrayList<>();
        try (KafkaEventBus bus = bus("round-trip", "g-round-trip")) {
            bus.subscribe(Event.class, all::add);
            bus.subscribe(AliasChanged.class, aliases::add);
            started(bus);
            oneOfEach().forEach(bus::publish);
            await().atMost(Duration.ofSeconds(30)).until(() -> all.size() >= oneOfEach().size());
            assertThat(all).containsExactlyInAnyOrderElementsOf(oneOfEach());
            assertThat(aliases).containsExactly(new AliasChanged("fraud", "champion", "2", "3", "alice", T));
            ModelRegistered registered = (ModelRegistered) all.stream().filter(ModelRegistered.class::isInstance)
                    .findFirst().orElseThrow();
            assertThat(registered.tags().keySet()).containsExactly("z", "a");
        }
        assertThat(EventCodec.types()).as("every event type is in the test").hasSize(oneOfEach().size());
    }

    @Test
    void recordsAreVersionedJsonKeyedByEntity() throws Exception {
        EventCodec codec = new EventCodec();
        JsonNode json = new ObjectMapper().readTree(codec.encode(new ModelVersionTransitioned("fraud", "3", "None",
                "Production", "alice", T), null));
        assertThat(json.get("type").asText()).isEqualTo("model_version_transitioned");
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.at("/data/version").asText()).isEqualTo("3");
        assertThat(json.at("/data/time").asText()).isEqualTo("2026-12-04T13:00:00.123456Z");
        assertThat(EventCodec.key(new AliasChanged("fraud", "c", null, "1", "u", T))).isEqualTo("model:fraud");
        assertThat(EventCodec.key(new DriftDetected("m", "fraud-api", 0.1, List.of(), T))).isEqualTo("deployment:fraud-api");
        // a newer version or an unknown type is skipped, not misread
        assertThat(codec.decode("{\"type\":\"alias_changed\",\"version\":2,\"data\":{}}".getBytes())).isEmpty();
        assertThat(codec.decode("{\"type\":\"model_retired\",\"version\":1,\"data\":{}}".getBytes())).isEmpty();
        assertThat(EventCodec.key(new AlertChanged("a", "r", "fraud-api", "m", "firing", 1, 0, T))).isEqualTo("deployment:fraud-api");
        assertThat(EventCodec.key(new PipelineFinished("p", "retrain", "FAILED", "api", null, "x", T))).isEqualTo("pipeline:retrain");
    }

    @Test
    void theWorkspaceTravelsInTheEnvelopeAndARecordWithoutOneNamesNone() throws Exception {
        EventCodec codec = new EventCodec();
        AliasChanged moved = new AliasChanged("fraud", "champion", "1", "2", "bob", T);
        byte[] record = codec.encode(moved, "team-b");
        assertThat(new ObjectMapper().readTree(record).get("workspace").asText()).isEqualTo("team-b");
        assertThat(codec.decode(record)).contains(new EventCodec.Received(moved, "team-b"));
        // a record of a server that wrote no workspace (as before workspaces went on the wire) still reads
        String old = "{\"type\":\"alias_changed\",\"version\":1,\"data\":{\"modelName\":\"fraud\",\"alias\":"
                + "\"champion\",\"previousVersion\":\"1\",\"version\":\"2\",\"user\":\"bob\",\"time\":\"2026-12-04T13:00:00.123456Z\"}}";
        assertThat(codec.decode(old.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .contains(new EventCodec.Received(moved, null));
        assertThat(new ObjectMapper().readTree(codec.encode(moved, null)).has("workspace")).isFalse();
    }

    @Test
    void eventsOfOneEntityKeepTheirOrder() throws Exception {
        Map<String, List<String>> seen = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger count = new AtomicInteger();
        try (KafkaEventBus bus = bus("order", "g-order")) {
            bus.subscribe(AliasChanged.class, event -> {
                seen.computeIfAbsent(event.modelName(), name -> new CopyOnWriteArrayList<>()).add(event.version());
                count.incrementAndGet();
            });
            started(bus);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                expected.add(String.valueOf(i));
                for (String model : List.of("a", "b", "c")) {
                    bus.publish(new AliasChanged(model, "champion", null, String.valueOf(i), "u", T));
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> count.get() >= 180);
            assertThat(seen).containsOnlyKeys("a", "b", "c");
            seen.values().forEach(versions -> assertThat(versions).containsExactlyElementsOf(expected));
        }
    }

    @Test
    void aRestartedConsumerResumesAfterTheLastCommittedEvent() throws Exception {
        List<String> first = new CopyOnWriteArrayList<>();
        try (KafkaEventBus bus = bus("resume", "g-resume")) {
            bus.subscribe(AliasChanged.class, event -> first.add(event.version()));
            started(bus);
            for (int i = 1; i <= 3; i++) {
                bus.publish(new AliasChanged("fraud", "champion", null, String.valueOf(i), "u", T));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> first.size() >= 3);
        }
        // published while no consumer of the group runs (another server, never started as a consumer)
        try (KafkaEventBus publisher = bus("resume", "g-publisher")) {
            for (int i = 4; i <= 6; i++) {
                publisher.publish(new AliasChanged("fraud", "champion", null, String.valueOf(i), "u", T));
            }
            publisher.flush();
        }
        List<String> second = new CopyOnWriteArrayList<>();
        AtomicInteger attemptsOf5 = new AtomicInteger();
        try (KafkaEventBus bus = bus("resume", "g-resume")) {
            bus.subscribe(AliasChanged.class, event -> {
                if (event.version().equals("5") && attemptsOf5.incrementAndGet() == 1) {
                    throw new IllegalStateException("a transient failure: the event comes again");
                }
                second.add(event.version());
            });
            bus.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> second.size() >= 3);
            Thread.sleep(500); // nothing more arrives: the first three were committed
            assertThat(second).containsExactly("4", "5", "6");
            assertThat(attemptsOf5.get()).as("failed once, then handled").isEqualTo(2);
        }
        assertThat(first).containsExactly("1", "2", "3");
    }

    @Test
    void twoServersInOneGroupHandleWorkOnceAndBothSeeEveryEventOnEveryServerSubscriptions() throws Exception {
        List<String> workA = new CopyOnWriteArrayList<>();
        List<String> workB = new CopyOnWriteArrayList<>();
        List<String> stateA = new CopyOnWriteArrayList<>();
        List<String> stateB = new CopyOnWriteArrayList<>();
        try (KafkaEventBus a = bus("replicas", "g-replicas"); KafkaEventBus b = bus("replicas", "g-replicas")) {
            a.subscribe(AliasChanged.class, event -> workA.add(event.modelName()));
            b.subscribe(AliasChanged.class, event -> workB.add(event.modelName()));
            a.subscribeOnEveryServer(AliasChanged.class, event -> stateA.add(event.modelName()));
            b.subscribeOnEveryServer(AliasChanged.class, event -> stateB.add(event.modelName()));
            a.start();
            b.start();
            assertThat(a.awaitAssignment(Duration.ofSeconds(30))).isTrue();
            // the group's partitions are split only once both have joined: publish after the rebalance settled
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                a.publish(new AliasChanged("probe", "c", null, "0", "u", T));
                a.flush();
                Thread.sleep(300);
                return workA.contains("probe") || workB.contains("probe");
            });
            Thread.sleep(1000);
            workA.clear();
            workB.clear();
            stateA.clear();
            stateB.clear();
            List<String> models = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                models.add("m" + i);
                (i % 2 == 0 ? a : b).publish(new AliasChanged("m" + i, "champion", null, "1", "u", T));
            }
            a.flush();
            b.flush();

            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> stateA.size() >= 40 && stateB.size() >= 40 && workA.size() + workB.size() >= 40);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("work " + workA + " " + workB + ", state " + stateA + " " + stateB, e);
            }
            Thread.sleep(500);
            assertThat(stateA).as("every server sees every event").containsExactlyInAnyOrderElementsOf(models);
            assertThat(stateB).as("every server sees every event").containsExactlyInAnyOrderElementsOf(models);
            List<String> work = new ArrayList<>(workA);
            work.addAll(workB);
            assertThat(work).as("work subscribers: each event handled by one server").containsExactlyInAnyOrderElementsOf(models);
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> KafkaSettings.from(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events.kafka.bootstrap-servers is required");
        assertThatThrownBy(() -> KafkaSettings.from(Map.of("bootstrap-servers", "localhost")))
                .hasMessageContaining("expected host:port");
        assertThatThrownBy(() -> KafkaSettings.from(Map.of("bootstrap-servers", "h:1", "topic", "no spaces")))
                .hasMessageContaining("events.kafka.topic 'no spaces'");
        // through the server's configuration: discovered by ServiceLoader, refused as a configuration error
        assertThatThrownBy(() -> EventBuses.open(ConfigValues.of(Map.of("events.backend", "kafka"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("events.kafka.bootstrap-servers is required");
    }

    @Test
    void theServerConfigurationOpensTheKafkaBus() {
        try (EventBus bus = EventBuses.open(ConfigValues.of(Map.of("events.backend", "kafka",
                "events.kafka.bootstrap-servers", broker.bootstrapServers(), "events.kafka.topic", "from-config")))) {
            assertThat(bus).isInstanceOf(KafkaEventBus.class);
        }
    }
}
