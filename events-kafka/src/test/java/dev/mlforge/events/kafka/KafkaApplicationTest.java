package dev.mlforge.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import dev.mlforge.events.AliasChanged;
import dev.mlforge.events.Event;
import dev.mlforge.events.EventWorkspaces;
import dev.mlforge.events.RegisteredModelCreated;
import dev.mlforge.store.WorkspaceContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real server with {@code events.backend: kafka}: its registry events land on the topic, another replica's reach it. */
class KafkaApplicationTest {
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

    @Test
    void theServerPublishesToTheTopicAndReceivesAnotherReplicasEvents(@TempDir Path dataDir) throws Exception {
        try (Application app = started(dataDir, "app-events")) {

            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + app.port() + "/api/2.0/mlflow/registered-models/create"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"fraud\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

            List<ConsumerRecord<String, String>> records = read("app-events", 1);
            assertThat(records.get(0).key()).isEqualTo("model:fraud");
            JsonNode value = new ObjectMapper().readTree(records.get(0).value());
            assertThat(value.get("type").asText()).isEqualTo("registered_model_created");
            assertThat(value.get("version").asInt()).isEqualTo(1);
            assertThat(value.at("/data/modelName").asText()).isEqualTo("fraud");

            // an alias moved on another replica reaches this server's subscribers through the topic
            List<AliasChanged> seen = new CopyOnWriteArrayList<>();
            app.events().subscribe(AliasChanged.class, seen::add);
            AliasChanged moved = new AliasChanged("fraud", "champion", "1", "2", "bob", Instant.parse("2026-12-04T13:00:00Z"));
            try (KafkaEventBus replicaB = new KafkaEventBus(KafkaSettings.from(Map.of("bootstrap-servers",
                    broker.bootstrapServers(), "topic", "app-events", "group-id", "replica-b")), Duration.ofMillis(10))) {
                replicaB.publish(moved);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> !seen.isEmpty());
            assertThat(seen).containsExactly(moved);
        }
    }

    @Test
    void eventsCarryTheirWorkspaceBetweenServers(@TempDir Path dataDir) throws Exception {
        try (Application app = started(dataDir, "workspace-events")) {
            // each event a subscriber of this server gets, with the workspace bound while it handles it
            List<String> seen = new CopyOnWriteArrayList<>();
            app.events().subscribe(RegisteredModelCreated.class, created ->
                    seen.add(created.modelName() + " in " + app.database().workspace().current()));
            app.events().subscribe(AliasChanged.class, moved ->
                    seen.add(moved.modelName() + "@" + moved.alias() + " in " + app.database().workspace().current()));

            // published here in w2: on the topic with its workspace, and delivered here (through the topic) in w2
            assertThat(post(app, WorkspaceContext.DEFAULT, "/api/3.0/mlflow/workspaces", "{\"name\":\"w2\"}").statusCode()).isEqualTo(201);
            HttpResponse<String> created = post(app, "w2", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"fraud\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            JsonNode value = new ObjectMapper().readTree(read("workspace-events", 1).get(0).value());
            assertThat(value.get("type").asText()).isEqualTo("registered_model_created");
            assertThat(value.path("workspace").asText()).as(value.toString()).isEqualTo("w2");
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("fraud in w2"));

            // published on another server in w2: delivered here in w2; a record without a workspace, in default
            try (KafkaEventBus replicaB = new KafkaEventBus(KafkaSettings.from(Map.of("bootstrap-servers",
                    broker.bootstrapServers(), "topic", "workspace-events", "group-id", "replica-b")), Duration.ofMillis(10))) {
                replicaB.carryWorkspaces(new EventWorkspaces() {
                    @Override
                    public String of(Event event) {
                        return "w2";
                    }

                    @Override
                    public void received(Event event, String workspace) {}
                });
                replicaB.publish(new AliasChanged("fraud", "champion", null, "1", "bob", Instant.now()));
            }
            try (KafkaEventBus older = new KafkaEventBus(KafkaSettings.from(Map.of("bootstrap-servers",
                    broker.bootstrapServers(), "topic", "workspace-events", "group-id", "replica-c")), Duration.ofMillis(10))) {
                older.publish(new AliasChanged("legacy", "champion", null, "1", "carol", Instant.now()));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 3);
            assertThat(seen).containsExactlyInAnyOrder("fraud in w2", "fraud@champion in w2", "legacy@champion in default");
        }
    }

    /** A server on the broker's {@code topic} (group {@code replica-a}), its consumers holding their partitions. */
    private static Application started(Path dataDir, String topic) throws Exception {
        ServerConfig config = ServerConfig.from(ConfigValues.of(Map.of("port", "0", "grpc-port", "-1",
                "data-dir", dataDir.toString(), "events.backend", "kafka",
                "events.kafka.bootstrap-servers", broker.bootstrapServers(), "events.kafka.topic", topic,
                "events.kafka.group-id", "replica-a")));
        Application app = new Application(config).start();
        assertThat(((KafkaEventBus) app.eventTransport()).awaitAssignment(Duration.ofSeconds(30))).isTrue();
        return app;
    }

    private static HttpResponse<String> post(Application app, String workspace, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Content-Type", "application/json").header(WorkspaceContext.HEADER, workspace)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<ConsumerRecord<String, String>> read(String topic, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).hasSizeGreaterThanOrEqualTo(count);
        return records;
    }
}
