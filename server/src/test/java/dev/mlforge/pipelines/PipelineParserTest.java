package dev.mlforge.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.testsupport.RepoDatasets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineParserTest {
    private final PipelineParser parser = new PipelineParser(StepCatalog.standard());

    @Test
    void the_example_wine_pipeline_parses_into_nine_ordered_steps() throws Exception {
        String yaml = Files.readString(RepoDatasets.find("pipelines/wine-train.yaml"));

        PipelineDefinition definition = parser.parse(yaml, Map.of());

        assertThat(definition.name()).isEqualTo("wine-train");
        assertThat(definition.experiment()).isEqualTo("wine");
        assertThat(definition.steps()).extracting(StepDefinition::name).containsExactly("load", "validate", "split", "featurize",
                "train", "evaluate", "register", "promote", "deploy");
        StepDefinition train = definition.step("train");
        assertThat(train.inputs()).containsEntry("train", new OutputReference("featurize", "train"));
        assertThat(train.retries()).isEqualTo(1);
        assertThat(train.timeoutSeconds()).isEqualTo(600);
        assertThat(definition.step("promote").when()).isEqualTo(new OutputReference("evaluate", "gate_passed"));
    }

    @Test
    void params_are_substituted_with_their_type_and_overridable() {
        String yaml = """
                name: p
                params: {label: class, fraction: 0.25}
                steps:
                  - {name: split, uses: split, with: {label: "${params.label}", test_fraction: "${params.fraction}", note: "x-${params.label}"}}
                """;

        StepDefinition step = parser.parse(yaml, Map.of("label", "target")).step("split");

        assertThat(step.with()).containsEntry("label", "target").containsEntry("test_fraction", 0.25).containsEntry("note", "x-target");
    }

    @Test
    void steps_are_ordered_by_dependencies_not_by_position() {
        String yaml = """
                name: order
                steps:
                  - {name: b, uses: split, inputs: {data: a.data}}
                  - {name: a, uses: load, with: {path: x.csv}}
                """;

        assertThat(parser.parse(yaml, Map.of()).steps()).extracting(StepDefinition::name).containsExactly("a", "b");
    }

    @Test
    void invalid_yaml_reports_the_line() {
        assertError("name: x\nsteps:\n  - name: a\n    uses: [load\n", "Invalid pipeline: invalid YAML at line");
    }

    @Test
    void a_missing_uses_names_the_step() {
        assertError("name: x\nsteps:\n  - name: a\n", "Invalid pipeline: steps[a]: missing 'uses'");
    }

    @Test
    void an_unknown_step_type_lists_the_built_in_types() {
        assertError("name: x\nsteps:\n  - {name: a, uses: teleport}\n",
                "steps[a].uses: unknown step type 'teleport'; built-in types are [load, validate, split, featurize, train, evaluate,"
                        + " register, promote, deploy, features]");
    }

    @Test
    void a_class_that_is_not_a_step_is_refused() {
        assertError("name: x\nsteps:\n  - {name: a, uses: java.lang.String}\n", "Class java.lang.String does not implement dev.mlforge.pipelines.Step");
    }

    @Test
    void a_reference_to_an_unknown_step_is_refused() {
        assertError("name: x\nsteps:\n  - {name: a, uses: split, inputs: {data: ghost.data}}\n",
                "steps[a] refers to an unknown step 'ghost'");
    }

    @Test
    void a_malformed_reference_is_refused() {
        assertError("name: x\nsteps:\n  - {name: a, uses: split, inputs: {data: nodot}}\n",
                "steps[a].inputs.data: expected a reference 'step.output', got 'nodot'");
    }

    @Test
    void a_cycle_is_refused() {
        assertError("""
                name: x
                steps:
                  - {name: a, uses: split, inputs: {data: b.train}}
                  - {name: b, uses: split, inputs: {data: a.train}}
                """, "the steps form a cycle among [a, b]");
    }

    @Test
    void duplicate_step_names_are_refused() {
        assertError("name: x\nsteps:\n  - {name: a, uses: load}\n  - {name: a, uses: load}\n", "steps[1]: duplicate step name 'a'");
    }

    @Test
    void unknown_parameters_and_keys_are_refused() {
        assertError("name: x\nsteps:\n  - {name: a, uses: load, with: {path: '${params.nope}'}}\n",
                "steps[a].with.path: unknown parameter '${params.nope}'; the pipeline declares []");
        assertError("name: x\nsteps:\n  - {name: a, uses: load, retry: 3}\n", "steps[a]: unknown key 'retry'; allowed keys are");
        assertThatThrownBy(() -> parser.parse("name: x\nparams: {a: 1}\nsteps:\n  - {name: s, uses: load}\n", Map.of("b", "2")))
                .hasMessageContaining("unknown parameter 'b'; the pipeline declares [a]");
    }

    @Test
    void out_of_range_retries_are_refused() {
        assertError("name: x\nsteps:\n  - {name: a, uses: load, retries: 99}\n", "steps[a].retries must be an integer from 0 to 10, got '99'");
    }

    @Test
    void an_empty_file_or_empty_steps_are_refused() {
        assertError("", "the pipeline file must be a YAML mapping");
        assertError("name: x\nsteps: []\n", "'steps' must be a non-empty list of steps");
    }

    private void assertError(String yaml, String message) {
        assertThatThrownBy(() -> parser.parse(yaml, Map.of()))
                .isInstanceOfSatisfying(MlforgeException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining(message);
    }
}
