package dev.mlforge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.tracking.CreateExperimentRequest;
import dev.mlforge.api.tracking.Experiment;
import dev.mlforge.api.tracking.ExperimentTag;
import dev.mlforge.api.tracking.SearchExperimentsRequest;
import dev.mlforge.api.tracking.SearchExperimentsResponse;
import dev.mlforge.sdk.testing.ClientExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExperimentsClientTest {
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    private ExperimentsClient experiments;

    @BeforeEach
    void start(MlforgeClient client) {
        experiments = client.experiments();
    }

    @Test
    void creates_an_experiment_with_tags_and_reads_it_back_by_id_and_name() {
        String id = experiments.create(new CreateExperimentRequest("churn", null,
                ExperimentsClient.tags(Map.of("team", "risk"))));

        Experiment byId = experiments.get(id);
        assertThat(byId.name()).isEqualTo("churn");
        assertThat(byId.lifecycleStage()).isEqualTo("active");
        assertThat(byId.tags()).containsExactly(new ExperimentTag("team", "risk"));
        assertThat(experiments.getByName("churn")).contains(byId);
    }

    @Test
    void get_by_name_of_an_unknown_experiment_is_empty() {
        assertThat(experiments.getByName("nothing-here")).isEmpty();
    }

    @Test
    void duplicate_name_is_rejected_with_resource_already_exists() {
        experiments.create("dup");
        assertThatThrownBy(() -> experiments.create("dup"))
                .isInstanceOfSatisfying(MlforgeClientException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.is(ErrorCode.RESOURCE_ALREADY_EXISTS)).isTrue();
                });
    }

    @Test
    void get_or_create_returns_the_existing_experiment() {
        String id = experiments.getOrCreate("reused");
        assertThat(experiments.getOrCreate("reused")).isEqualTo(id);
    }

    @Test
    void renames_tags_deletes_and_restores() {
        String id = experiments.create("old-name");
        experiments.rename(id, "new-name");
        experiments.setTag(id, "owner", "ann");
        experiments.delete(id);
        assertThat(experiments.get(id).lifecycleStage()).isEqualTo("deleted");
        experiments.restore(id);

        Experiment restored = experiments.get(id);
        assertThat(restored.name()).isEqualTo("new-name");
        assertThat(restored.lifecycleStage()).isEqualTo("active");
        assertThat(restored.tags()).contains(new ExperimentTag("owner", "ann"));
    }

    @Test
    void searches_with_filter_order_and_pages() {
        for (String name : List.of("prod-a", "prod-b", "prod-c", "dev-a")) {
            experiments.create(name);
        }
        SearchExperimentsResponse firstPage = experiments.search(
                new SearchExperimentsRequest(2, null, "name LIKE 'prod-%'", List.of("name DESC"), null));
        assertThat(firstPage.experiments()).extracting(Experiment::name).containsExactly("prod-c", "prod-b");
        assertThat(firstPage.nextPageToken()).isNotBlank();

        assertThat(experiments.searchAll("name LIKE 'prod-%'", List.of("name ASC"), null).map(Experiment::name))
                .containsExactly("prod-a", "prod-b", "prod-c");
    }

    @Test
    void malformed_filter_is_rejected_with_invalid_parameter_value() {
        assertThatThrownBy(() -> experiments.search(new SearchExperimentsRequest(null, null, "name ~~ 'x'", null, null)))
                .isInstanceOfSatisfying(MlforgeClientException.class,
                        e -> assertThat(e.is(ErrorCode.INVALID_PARAMETER_VALUE)).isTrue());
    }
}
