package dev.mlforge.registry;

import static dev.mlforge.testing.LoggedModels.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlforge.events.AliasChanged;
import dev.mlforge.events.Event;
import dev.mlforge.events.ModelRegistered;
import dev.mlforge.events.ModelVersionTransitioned;
import dev.mlforge.events.RegisteredModelCreated;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistryEventsTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    final LoggedModels models = new LoggedModels(server);
    final List<Event> events = new CopyOnWriteArrayList<>();
    String run1;

    @BeforeEach
    void start() {
        run1 = models.logModel();
        server.application().events().subscribe(Event.class, events::add);
    }

    @Test
    void publishes_model_registered_with_its_run_and_source() {
        models.register("fraud", run1);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
        assertThat(events.get(0)).isInstanceOfSatisfying(RegisteredModelCreated.class,
                event -> assertThat(event.modelName()).isEqualTo("fraud"));
        assertThat(events.get(1)).isInstanceOfSatisfying(ModelRegistered.class, event -> {
            assertThat(event.modelName()).isEqualTo("fraud");
            assertThat(event.version()).isEqualTo("1");
            assertThat(event.runId()).isEqualTo(run1);
            assertThat(event.source()).isEqualTo("runs:/" + run1 + "/model");
        });
    }

    @Test
    void publishes_one_transition_per_version_that_changed_stage() {
        models.register("fraud", run1);
        models.register("fraud", run1);
        server.http().post(API + "model-versions/transition-stage", Map.of("name", "fraud", "version", "1", "stage", "Production",
                "archive_existing_versions", false)).ok();
        server.http().postAs("dana", API + "model-versions/transition-stage", Map.of("name", "fraud", "version", "2",
                "stage", "Production", "archive_existing_versions", true)).ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 6); // the model's creation, two versions, three changes
        assertThat(events.stream().filter(ModelVersionTransitioned.class::isInstance)
                .map(ModelVersionTransitioned.class::cast)
                .map(e -> e.version() + ":" + e.fromStage() + "->" + e.toStage() + ":" + e.user()))
                .containsExactly("1:None->Production:null", "2:None->Production:dana", "1:Production->Archived:dana");
    }

    @Test
    void publishes_alias_set_moved_and_deleted() {
        models.register("fraud", run1);
        models.register("fraud", run1);
        server.http().post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "champion", "version", "1")).ok();
        server.http().post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "champion", "version", "2")).ok();
        server.http().delete(API + "registered-models/alias", Map.of("name", "fraud", "alias", "champion")).ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 6); // the model's creation, two versions, three changes
        assertThat(events.stream().filter(AliasChanged.class::isInstance).map(AliasChanged.class::cast)
                .map(e -> e.alias() + ":" + e.previousVersion() + "->" + e.version()))
                .containsExactly("champion:null->1", "champion:1->2", "champion:2->null");
    }
}
