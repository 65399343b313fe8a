package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.S3Bucket;
import dev.mlforge.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code artifacts.s3.presigned-downloads}, downloads answer a redirect to S3 and the bytes skip the server. */
class S3PresignedDownloadTest {
    private static final String BUCKET = "mlforge-presigned";

    @RegisterExtension
    static final S3Bucket bucket = new S3Bucket(BUCKET);

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            .withS3Artifacts(bucket, "")
            .withConfig("artifacts.s3.presigned-downloads", "true");



    @Test
    void a_download_redirects_to_a_presigned_url_that_serves_the_file_as_an_attachment() throws Exception {
        TestHttp http = server.http();
        assertThat(http.send("PUT", "/api/2.0/mlflow-artifacts/artifacts/run/report.html", null, "<h1>r</h1>").status()).isEqualTo(200);

        TestHttp.Response redirect = http.get("/api/2.0/mlflow-artifacts/artifacts/run/report.html");
        assertThat(redirect.status()).isEqualTo(302);
        URI location = URI.create(redirect.header("Location").orElseThrow());
        assertThat(location.toString()).startsWith(bucket.endpoint() + "/" + BUCKET + "/run/report.html?").contains("X-Amz-Signature=");

        HttpResponse<String> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(location).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("<h1>r</h1>");
        assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(value -> assertThat(value).startsWith("attachment;"));
    }

    @Test
    void a_missing_file_or_a_folder_is_refused_before_any_redirect() {
        TestHttp http = server.http();
        http.send("PUT", "/api/2.0/mlflow-artifacts/artifacts/run/a.txt", null, "a").ok();
        assertThat(http.get("/api/2.0/mlflow-artifacts/artifacts/run/missing.txt").errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(http.get("/api/2.0/mlflow-artifacts/artifacts/run").errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }
}
