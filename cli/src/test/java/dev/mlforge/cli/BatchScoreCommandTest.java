package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Without the mlforge-spark module on the class path (the product jar alone), batch-score says what to run instead. */
class BatchScoreCommandTest {
    @Test
    void without_the_spark_module_batch_score_names_the_module_and_the_launcher() {
        CliFixture.Result result = CliFixture.runRaw("batch-score", "--model", "models:/wine@champion",
                "--input", "in.csv", "--output", "out.parquet");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("mlforge-spark").contains("./mlforge-spark batch-score").contains("docs/spark.md");
    }

    @Test
    void batch_score_requires_model_input_and_output() {
        CliFixture.Result result = CliFixture.runRaw("batch-score", "--model", "models:/wine@champion");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--input").contains("--output");
    }
}
