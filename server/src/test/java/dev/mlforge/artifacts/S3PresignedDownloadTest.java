package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.S3TestServer;
import dev.mlforge.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** With {@code artifacts.s3.presigned-downloads}, downloads answer a redirect to S3 and the bytes skip the server. */
class S3PresignedDownloadTest {
    private static final String BUCKET = "mlforge-presigned";
    private static S3TestServer s3;

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("artifacts-destination", "s3://" + BUCKET)
            .withConfig("artifacts.s3.endpoint-url", dataDir -> s3.endpoint().toString())
            .withConfig("artifacts.s3.presigned-downloads", "true");

    @BeforeAll
    static void startS3(@TempDir Path objects) throws Exception {
        s3 = S3TestServer.start(objects).exportCredentials();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Test
    void a_download_redirects_to_a_presigned_url_that_serves_the_file_as_an_attachment() throws Exception {
        TestHttp http = server.http();
        assertThat(http.send("PUT", "/api/2.0/mlflow-artifacts/artifacts/run/report.html", null, "<h1>r</h1>").status()).isEqualTo(200);

        TestHttp.Response redirect = http.get("/api/2.0/mlflow-artifacts/artifacts/run/report.html");
        assertThat(redirect.status()).isEqualTo(302);
        URI location = URI.create(redirect.header("Location").orElseThrow());
        assertThat(location.toString()).startsWith(s3.endpoint() + "/" + BUCKET + "/run/report.html?").contains("X-Amz-Signature=");

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
