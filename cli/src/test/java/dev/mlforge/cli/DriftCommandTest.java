package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftCommandTest {
    @TempDir
    Path folder;

    private Path reference;
    private Path current;
    private CliFixture.Result result;

    @BeforeEach
    void write_csv_files() throws Exception {
        Random random = new Random(3);
        StringBuilder ref = new StringBuilder("x,shifted,city\n");
        StringBuilder cur = new StringBuilder("x,shifted,city\n");
        String[] cities = {"Paris", "Berlin", "Madrid"};
        for (int i = 0; i < 400; i++) {
            ref.append(random.nextGaussian()).append(',').append(random.nextGaussian()).append(',')
                    .append(cities[random.nextInt(3)]).append('\n');
            cur.append(random.nextGaussian()).append(',').append(random.nextGaussian() + 1).append(',')
                    .append(cities[random.nextInt(3)]).append('\n');
        }
        reference = folder.resolve("ref.csv");
        current = folder.resolve("cur.csv");
        Files.writeString(reference, ref);
        Files.writeString(current, cur);
    }

    private int run(String... args) {
        result = CliFixture.runRaw(args);
        return result.exitCode();
    }

    @Test
    void json_output_has_the_documented_fields_and_verdicts() throws Exception {
        int exit = run("drift", "--reference", reference.toString(), "--current", current.toString(),
                "--format", "json");

        assertThat(exit).isZero();
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.get("dataset_drift").asBoolean()).isFalse();
        assertThat(report.get("drift_share").asDouble()).isEqualTo(1 / 3.0);
        JsonNode shifted = report.get("columns").get(1);
        assertThat(shifted.get("name").asText()).isEqualTo("shifted");
        assertThat(shifted.get("type").asText()).isEqualTo("numerical");
        assertThat(shifted.get("method").asText()).isEqualTo("ks");
        assertThat(shifted.get("drifted").asBoolean()).isTrue();
        assertThat(shifted.get("p_value").asDouble()).isLessThan(1e-10);
        assertThat(shifted.get("threshold").asDouble()).isEqualTo(0.05);
        assertThat(shifted.get("missing_reference").asDouble()).isZero();
        assertThat(shifted.get("missing_current").asDouble()).isZero();
        JsonNode city = report.get("columns").get(2);
        assertThat(city.get("type").asText()).isEqualTo("categorical");
        assertThat(city.get("method").asText()).isEqualTo("chisquare");
    }

    @Test
    void method_columns_and_threshold_options_are_applied() throws Exception {
        int exit = run("drift", "--reference", reference.toString(), "--current", current.toString(),
                "--format", "json", "--method", "psi", "--columns", "x,shifted", "--threshold", "0.2");

        assertThat(exit).isZero();
        JsonNode columns = new ObjectMapper().readTree(result.out()).get("columns");
        assertThat(columns).hasSize(2);
        for (JsonNode column : columns) {
            assertThat(column.get("method").asText()).isEqualTo("psi");
            assertThat(column.get("p_value").isNull()).isTrue();
            assertThat(column.get("threshold").asDouble()).isEqualTo(0.2);
        }
    }

    @Test
    void text_output_is_a_table_with_a_summary() {
        int exit = run("drift", "--reference", reference.toString(), "--current", current.toString());

        assertThat(exit).isZero();
        assertThat(result.out()).startsWith("Dataset drift: not detected (1 of 3 tested columns drifted")
                .contains("column", "shifted", "DRIFT", "chisquare");
    }

    @Test
    void html_output_is_one_self_contained_file_with_an_svg_per_column() throws Exception {
        Path html = folder.resolve("report.html");

        int exit = run("drift", "--reference", reference.toString(), "--current", current.toString(),
                "--format", "html", "--output", html.toString());

        assertThat(exit).isZero();
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<style>").doesNotContain("<script src", "<link ",
                "https://");
        assertThat(page.split("<svg ", -1)).hasSize(4);
        assertThat(result.out()).contains("report written to");
    }

    @Test
    void tables_without_a_shared_column_are_an_error_in_every_format() throws Exception {
        Path other = folder.resolve("other.csv");
        Files.writeString(other, "a,b\n1,2\n3,4\n");
        for (String format : new String[] {"text", "json", "html"}) {

            int exit = run("drift", "--reference", reference.toString(), "--current", other.toString(), "--format", format);

            assertThat(exit).as(format).isEqualTo(2);
            assertThat(result.err().strip()).isEqualTo(
                    "error: the reference and current data share no column: reference has [x, shifted, city], current has [a, b]");
            assertThat(result.out()).as(format).doesNotContain("not detected").doesNotContain("dataset_drift");
        }
    }

    @Test
    void a_ragged_row_is_refused_naming_its_line_as_datasets_register_refuses_it() throws Exception {
        Path ragged = folder.resolve("ragged.csv");
        Files.writeString(ragged, "x,shifted,city\n1,2,Paris\n3,4\n");

        assertThat(run("drift", "--reference", reference.toString(), "--current", ragged.toString())).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("error: CSV " + ragged + ": line 3 has 2 fields, the header has 3");
    }

    @Test
    void errors_print_one_line_and_exit_non_zero() {
        assertThat(run("drift", "--reference", folder.resolve("missing.csv").toString(), "--current",
                current.toString())).isNotZero();
        assertThat(result.err().strip()).isEqualTo("error: reference file not found: "
                + folder.resolve("missing.csv"));
        assertThat(run("drift", "--reference", reference.toString(), "--current", current.toString(),
                "--columns", "nope")).isNotZero();
        assertThat(result.err().strip()).isEqualTo("error: unknown column 'nope': not in the reference data");
        assertThat(run("drift", "--reference", reference.toString(), "--current", current.toString(),
                "--method", "magic")).isNotZero();
        assertThat(result.err().strip()).startsWith("error: unknown method 'magic'; expected auto, ks,")
                .doesNotContain("\n");
    }

    @Test
    void duckdb_engine_prints_the_same_report_as_the_memory_engine_in_every_format() {
        for (String format : new String[] {"json", "text", "html"}) {
            run("drift", "--reference", reference.toString(), "--current", current.toString(), "--format", format,
                    "--engine", "memory");
            String memory = result.out();

            assertThat(run("drift", "--reference", reference.toString(), "--current", current.toString(), "--format",
                    format, "--engine", "duckdb")).as(result.err()).isZero();
            assertThat(result.out()).as(format).isEqualTo(memory).contains("shifted");
        }
    }

    @Test
    void parquet_files_are_read_by_the_engine_and_refused_by_the_memory_engine() throws Exception {
        Path referenceParquet = folder.resolve("ref.parquet");
        Path currentParquet = folder.resolve("cur.parquet");
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv('" + reference + "')) TO '" + referenceParquet + "'");
            statement.execute("COPY (SELECT * FROM read_csv('" + current + "')) TO '" + currentParquet + "'");
        }
        run("drift", "--reference", reference.toString(), "--current", current.toString(), "--format", "json");
        String fromCsv = result.out();

        assertThat(run("drift", "--reference", referenceParquet.toString(), "--current", currentParquet.toString(),
                "--format", "json")).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(fromCsv);
        assertThat(run("drift", "--reference", referenceParquet.toString(), "--current", currentParquet.toString(),
                "--engine", "memory")).isEqualTo(2);
        assertThat(result.err()).contains("the memory engine reads CSV only");
        assertThat(run("drift", "--reference", reference.toString(), "--current", current.toString(), "--engine",
                "spark")).isEqualTo(2);
        assertThat(result.err()).contains("unknown engine 'spark'");
    }
}
