package dev.mlforge.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testsupport.RepoDatasets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DatasetRoutesTest {
    /** A small request size limit, which CSV uploads stream past. */
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("max-request-size", "65536");
    @TempDir
    Path tmp;
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void raw_csv_body_registers_a_version_that_lists_and_downloads() throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/datasets?name=wine"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(RepoDatasets.wine())).build());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode version = Json.mapper().readTree(created.body()).path("dataset_version");
        assertThat(version.path("version").asInt()).isEqualTo(1);
        assertThat(version.path("row_count").asInt()).isEqualTo(178);

        JsonNode listing = Json.mapper().readTree(get("/api/v1/datasets").body());
        assertThat(listing.path("datasets").get(0).path("name").asText()).isEqualTo("wine");

        JsonNode detail = Json.mapper().readTree(get("/api/v1/datasets/wine/versions/1").body());
        assertThat(detail.path("dataset_version").path("profile")).hasSize(14);
        assertThat(detail.path("mlflow_dataset").path("digest").asText()).hasSize(32);

        HttpResponse<String> content = get("/api/v1/datasets/wine/versions/latest/content");
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(Files.readString(RepoDatasets.wine()));
    }

    @Test
    void a_multipart_upload_is_refused_because_a_browser_sends_it_cross_site_without_a_preflight() throws Exception {
        String boundary = "mlforgeboundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\na,b\n1,2\n\r\n--" + boundary + "--\r\n";
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/datasets?name=small"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(400);
        assertThat(created.body()).contains("text/csv");
        assertThat(get("/api/v1/datasets/small/versions").statusCode()).isEqualTo(404);
    }

    @Test
    void a_csv_larger_than_the_request_size_limit_streams_in_and_is_profiled_exactly() throws Exception {
        Path csv = tmp.resolve("big.csv");
        int rows = 200_000;
        try (var out = Files.newBufferedWriter(csv)) {
            out.write("id,score,colour\n");
            for (int i = 0; i < rows; i++) {
                out.write(i + "," + (i % 1000) / 10.0 + "," + (i % 3 == 0 ? "red" : "blue") + "\n");
            }
        }
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/datasets?name=big"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(csv)).build());

        assertThat(Files.size(csv)).isGreaterThan(40L * 64 * 1024);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode version = Json.mapper().readTree(created.body()).path("dataset_version");
        assertThat(version.path("row_count").asLong()).isEqualTo(rows);
        assertThat(version.path("size_bytes").asLong()).isEqualTo(Files.size(csv));
        assertThat(version.path("sha256").asText()).isEqualTo(DatasetService.sha256(Files.readAllBytes(csv)));
        JsonNode score = version.path("profile").get(1);
        assertThat(score.path("mean").asDouble()).isEqualTo(49.95, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(score.path("distinct_count").asLong()).isEqualTo(1000);
        assertThat(score.path("quantiles").path("p50").asDouble()).isEqualTo(49.95, org.assertj.core.data.Offset.offset(1e-9));
        JsonNode colour = version.path("profile").get(2);
        assertThat(colour.path("category_counts").path("red").asLong()).isEqualTo((rows + 2) / 3);
        assertThat(colour.path("category_counts").path("blue").asLong()).isEqualTo(rows - (rows + 2) / 3);
    }

    @Test
    void errors_are_structured() throws Exception {
        HttpResponse<String> noName = send(HttpRequest.newBuilder(uri("/api/v1/datasets"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("a\n1\n")).build());
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(noName.body()).contains("INVALID_PARAMETER_VALUE").contains("'name'");

        HttpResponse<String> missing = get("/api/v1/datasets/nope/versions/1");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void the_application_serves_datasets_from_its_artifact_store() throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/datasets?name=wine"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(RepoDatasets.wine())).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(server.dataDir().resolve("artifacts/datasets/wine")).isDirectory();

        HttpResponse<String> content = send(HttpRequest.newBuilder(uri("/api/v1/datasets/wine/versions/1/content")).GET().build());
        assertThat(content.body()).isEqualTo(Files.readString(RepoDatasets.wine()));
    }

    private URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
