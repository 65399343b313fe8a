package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The artifact store and routes as the application wires them. */
class ArtifactWiringTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    @Test
    void stores_uploads_under_the_data_dir_by_default_and_shares_the_repository() throws Exception {
        TestHttp.Response upload = server.http().send("PUT", "/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/a.txt", null, "hello");
        assertThat(upload.status()).isEqualTo(200);
        assertThat(Files.readString(server.dataDir().resolve("artifacts/1/r/artifacts/a.txt"))).isEqualTo("hello");
        try (InputStream in = server.application().artifacts().read("1/r/artifacts/a.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void answers_a_nul_byte_in_the_url_path_with_a_json_error() {
        TestHttp.Response response = server.http().get("/api/2.0/mlflow-artifacts/artifacts/a%00b");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"error_code\":\"INVALID_PARAMETER_VALUE\"");
    }
}
