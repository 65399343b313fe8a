package dev.mlforge.registry;

import static dev.mlforge.registry.RegistryTestServer.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlforge.events.AliasChanged;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryEventsTest {
    @TempDir
    Path tmp;
    RegistryTestServer server;

    @BeforeEach
    void start() {
        server = new RegistryTestServer(tmp);
        server.logModel("run1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void publishes_model_registered_with_its_run_and_source() {
        server.register("fraud", "run1");
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.events.isEmpty());
        assertThat(server.events).singleElement().isInstanceOfSatisfying(ModelRegistered.class, event -> {
            assertThat(event.modelName()).isEqualTo("fraud");
            assertThat(event.version()).isEqualTo("1");
            assertThat(event.runId()).isEqualTo("run1");
            assertThat(event.source()).isEqualTo("runs:/run1/model");
        });
    }

    @Test
    void publishes_one_transition_per_version_that_changed_stage() {
        server.register("fraud", "run1");
        server.register("fraud", "run1");
        server.post(API + "model-versions/transition-stage", Map.of("name", "fraud", "version", "1", "stage", "Production",
                "archive_existing_versions", false)).ok();
        server.postAs("dana", API + "model-versions/transition-stage", Map.of("name", "fraud", "version", "2",
                "stage", "Production", "archive_existing_versions", true)).ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.events.size() == 5);
        assertThat(server.events.stream().filter(ModelVersionTransitioned.class::isInstance)
                .map(ModelVersionTransitioned.class::cast)
                .map(e -> e.version() + ":" + e.fromStage() + "->" + e.toStage() + ":" + e.user()))
                .containsExactly("1:None->Production:null", "2:None->Production:dana", "1:Production->Archived:dana");
    }

    @Test
    void publishes_alias_set_moved_and_deleted() {
        server.register("fraud", "run1");
        server.register("fraud", "run1");
        server.post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "champion", "version", "1")).ok();
        server.post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "champion", "version", "2")).ok();
        server.delete(API + "registered-models/alias", Map.of("name", "fraud", "alias", "champion")).ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.events.size() == 5);
        assertThat(server.events.stream().filter(AliasChanged.class::isInstance).map(AliasChanged.class::cast)
                .map(e -> e.alias() + ":" + e.previousVersion() + "->" + e.version()))
                .containsExactly("champion:null->1", "champion:1->2", "champion:2->null");
    }
}
