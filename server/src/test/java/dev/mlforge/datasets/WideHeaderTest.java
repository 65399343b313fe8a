package dev.mlforge.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wide-header probe against {@code POST /api/v1/datasets}: a header wider than {@code datasets.max-columns} is a
 * 400 naming the limit, read no further than the limit; one at the limit registers.
 */
class WideHeaderTest {
    private static final int LIMIT = 200;

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("datasets.max-columns", Integer.toString(LIMIT));
    private final HttpClient client = HttpClient.newHttpClient();

    private static String csv(int columns, String lastName) {
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            header.append(i > 0 ? "," : "").append(i == columns - 1 && lastName != null ? lastName : "c" + i);
            row.append(i > 0 ? "," : "").append(i);
        }
        return header + "\n" + row + "\n" + row + "\n";
    }

    @Test
    void a_header_above_the_limit_is_refused_with_400_naming_it() throws Exception {
        HttpResponse<String> response = post("wide", csv(LIMIT + 1, null));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = Json.mapper().readTree(response.body());
        assertThat(error.path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(error.path("message").asText()).contains("line 1").contains("at most " + LIMIT + " columns")
                .contains("datasets.max-columns");
        assertThat(get("/api/v1/datasets/wide/versions").statusCode()).isEqualTo(404);
    }

    @Test
    void a_header_at_the_limit_registers() throws Exception {
        HttpResponse<String> response = post("wide", csv(LIMIT, null));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode version = Json.mapper().readTree(response.body()).path("dataset_version");
        assertThat(version.path("schema")).hasSize(LIMIT);
        assertThat(version.path("row_count").asInt()).isEqualTo(2);
    }

    @Test
    void a_row_wider_than_the_header_is_refused_at_the_first_extra_field_naming_its_line() throws Exception {
        HttpResponse<String> response = post("ragged", "a,b\n1,2\n1,2" + ",9".repeat(100_000) + "\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Json.mapper().readTree(response.body()).path("message").asText())
                .isEqualTo("CSV ragged: line 3 has more than 2 fields, the header has 2");
    }

    /**
     * The quadratic step was a list search per header name for duplicates; the check is now one hash set, so the
     * duplicate of the first name in the last place of a header at the default limit is found (and named).
     */
    @Test
    void duplicate_names_are_found_anywhere_in_a_header_at_the_default_limit() {
        int columns = DatasetsConfig.DEFAULTS.maxColumns();
        assertThatThrownBy(() -> CsvTable.parse(csv(columns, "c0"), "wide"))
                .hasMessage("CSV wide: duplicate column name 'c0'");
        assertThat(CsvTable.parse(csv(columns, null), "wide").columns()).hasSize(columns);
    }

    private HttpResponse<String> post(String name, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/datasets?name=" + name))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
