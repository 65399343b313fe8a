package dev.mlforge.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.datasets.MlflowDataset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparameterSearchTest {
    private static final WineData WINE = new WineData();

    private final InMemoryRunRecorder recorder = new InMemoryRunRecorder();

    private static SearchRequest grid() {
        return new SearchRequest(List.of(
                new SearchRequest.TrainerGrid("cart", Map.of("max_depth", List.of(1, 5))),
                new SearchRequest.TrainerGrid("logistic_regression", Map.of("epochs", List.of(1, 10)))),
                SearchRequest.Strategy.GRID, 0, 1, "accuracy");
    }

    @Test
    void grid_search_records_one_child_run_per_combination_and_picks_the_best_by_metric() {
        String parent = recorder.startRun("wine", "search", null, Map.of());

        SearchResult result = new HyperparameterSearch(recorder).run(grid(), WINE.train, WINE.test, "wine", parent);

        assertThat(result.trials()).hasSize(4).allMatch(Trial::succeeded);
        List<InMemoryRunRecorder.RecordedRun> children = recorder.children(parent);
        assertThat(children).hasSize(4).allSatisfy(child -> {
            assertThat(child.status()).isEqualTo(RunOutcome.FINISHED);
            assertThat(child.params()).containsKey("trainer");
            assertThat(child.lastMetric("accuracy")).isNotNull();
        });
        Trial expectedBest = result.trials().stream().max(Comparator.comparingDouble(t -> t.metric("accuracy"))).orElseThrow();
        assertThat(result.best().metric("accuracy")).isEqualTo(expectedBest.metric("accuracy"));
        assertThat(recorder.run(parent).tags()).containsEntry("mlforge.best_run_id", result.best().runId());
        // A depth-1 stump cannot separate three classes: the search must not pick it.
        assertThat(result.best().requestedParameters()).isNotEqualTo(Map.of("max_depth", 1));
    }

    @Test
    void every_trial_records_the_datasets_it_learns_from_as_training_inputs() {
        MlflowDataset wine = new MlflowDataset("wine", "0123456789abcdef0123456789abcdef", "local", "{\"uri\":\"file:///wine.csv\"}",
                null, null);
        String parent = recorder.startRun("wine", "search", null, Map.of());

        new HyperparameterSearch(recorder, List.of(wine)).run(grid(), WINE.train, WINE.test, "wine", parent);

        assertThat(recorder.children(parent)).hasSize(4).allSatisfy(child -> assertThat(child.inputs())
                .containsExactly(new InMemoryRunRecorder.LoggedInput(wine, MlflowDataset.TRAINING)));
        assertThat(recorder.run(parent).inputs()).isEmpty();
    }

    @Test
    void smaller_is_better_for_log_loss() {
        SearchRequest request = new SearchRequest(List.of(new SearchRequest.TrainerGrid("logistic_regression",
                Map.of("epochs", List.of(1, 20)))), SearchRequest.Strategy.GRID, 0, 1, "log_loss");

        SearchResult result = new HyperparameterSearch(recorder).run(request, WINE.train, WINE.test, "wine", null);

        double other = result.trials().stream().filter(t -> t != result.best()).findFirst().orElseThrow().metric("log_loss");
        assertThat(result.best().metric("log_loss")).isLessThanOrEqualTo(other);
    }

    @Test
    void random_search_draws_the_requested_number_of_trials_reproducibly() {
        SearchRequest request = new SearchRequest(grid().trainers(), SearchRequest.Strategy.RANDOM, 2, 99, "accuracy");

        List<HyperparameterSearch.Candidate> first = HyperparameterSearch.candidates(request);
        List<HyperparameterSearch.Candidate> second = HyperparameterSearch.candidates(request);

        assertThat(first).hasSize(2).doesNotHaveDuplicates().isEqualTo(second);
        assertThat(new HyperparameterSearch(recorder).run(request, WINE.train, WINE.test, "wine", null).trials()).hasSize(2);
    }

    @Test
    void a_failing_trial_is_recorded_as_failed_and_the_search_continues() {
        SearchRequest request = new SearchRequest(List.of(new SearchRequest.TrainerGrid("linear_sgd",
                Map.of("loss", List.of("hinge", "bogus")))), SearchRequest.Strategy.GRID, 0, 1, "accuracy");

        SearchResult result = new HyperparameterSearch(recorder).run(request, WINE.train, WINE.test, "wine", null);

        assertThat(result.trials()).extracting(Trial::succeeded).containsExactlyInAnyOrder(true, false);
        assertThat(result.best().requestedParameters()).containsEntry("loss", "hinge");
        assertThat(recorder.runs()).extracting(InMemoryRunRecorder.RecordedRun::status)
                .containsExactlyInAnyOrder(RunOutcome.FINISHED, RunOutcome.FAILED);
    }

    @Test
    void unknown_parameters_in_a_grid_are_refused_before_training() {
        SearchRequest request = new SearchRequest(List.of(new SearchRequest.TrainerGrid("cart",
                Map.of("depth", List.of(1)))), SearchRequest.Strategy.GRID, 0, 1, "accuracy");

        assertThatThrownBy(() -> new HyperparameterSearch(recorder).run(request, WINE.train, WINE.test, "wine", null))
                .hasMessageContaining("Trainer 'cart' has no parameter 'depth'");
        assertThat(recorder.runs()).isEmpty();
    }
}
