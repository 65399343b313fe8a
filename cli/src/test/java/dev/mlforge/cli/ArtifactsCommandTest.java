package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.api.tracking.CreateRunRequest;
import dev.mlforge.sdk.testing.ClientExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ArtifactsCommandTest {
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    @TempDir
    Path local;
    private final CliFixture cli = new CliFixture(server);
    private String runId;

    @BeforeEach
    void start() {
        String experimentId = cli.client().experiments().create("artifacts");
        runId = cli.client().runs().create(new CreateRunRequest(experimentId, "ann", "with-files", null, null)).info().runId();
    }

    @Test
    void uploads_lists_and_downloads_a_directory() throws Exception {
        Path model = Files.createDirectories(local.resolve("model"));
        Files.writeString(model.resolve("MLmodel"), "flavors: {}\n");
        Files.writeString(Files.createDirectories(model.resolve("data")).resolve("w.bin"), "weights");

        CliFixture.Result upload = cli.run("artifacts", "upload", "--run", runId, model.toString(), "--path", "model");
        CliFixture.Result list = cli.run("artifacts", "list", "--run", runId, "model");
        CliFixture.Result download = cli.run("artifacts", "download", "--run", runId, "model", "--dest",
                local.resolve("out").toString());

        assertThat(upload.exitCode()).isZero();
        assertThat(upload.out()).contains("uploaded model/MLmodel", "uploaded model/data/w.bin");
        assertThat(list.out().lines().toList()).containsExactly("PATH           TYPE  SIZE", "model/MLmodel  file  12",
                "model/data     dir");
        assertThat(download.out().strip()).isEqualTo(local.resolve("out/model").toString());
        assertThat(Files.readString(local.resolve("out/model/data/w.bin"))).isEqualTo("weights");
        assertThat(cli.client().artifacts().list(runId, "model/data")).singleElement()
                .satisfies(f -> assertThat(f.fileSize()).isEqualTo(7L));
    }

    @Test
    void list_json_carries_the_run_artifact_root() throws Exception {
        Path file = Files.writeString(local.resolve("notes.txt"), "hi");
        cli.run("artifacts", "upload", "--run", runId, file.toString());

        JsonNode json = new ObjectMapper().readTree(cli.run("artifacts", "list", "--run", runId, "--json").out());

        assertThat(json.path("root_uri").asText()).startsWith("mlflow-artifacts:/").contains(runId);
        assertThat(json.path("files").get(0).path("path").asText()).isEqualTo("notes.txt");
        assertThat(json.path("files").get(0).path("file_size").asLong()).isEqualTo(2);
    }

    @Test
    void progress_flag_draws_a_bar_on_stderr_for_a_large_file() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(content);
        Path big = Files.write(local.resolve("big.bin"), content);

        CliFixture.Result upload = cli.run("artifacts", "upload", "--run", runId, big.toString(), "--progress");
        CliFixture.Result download = cli.run("artifacts", "download", "--run", runId, "big.bin", "--dest",
                local.resolve("back").toString(), "--progress");

        assertThat(upload.err()).contains("big.bin [", "100%", "3.0 MB / 3.0 MB");
        assertThat(download.err()).contains("100%");
        assertThat(upload.out()).doesNotContain("%");
        assertThat(Files.readAllBytes(local.resolve("back/big.bin"))).isEqualTo(content);
    }

    @Test
    void small_files_and_runs_without_the_flag_draw_no_bar() throws Exception {
        Path small = Files.writeString(local.resolve("small.txt"), "x");
        assertThat(cli.run("artifacts", "upload", "--run", runId, small.toString(), "--progress").err()).isEmpty();
    }

    @Test
    void download_of_a_missing_artifact_is_one_error_line() {
        CliFixture.Result result = cli.run("artifacts", "download", "--run", runId, "missing.txt", "--dest", local.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).startsWith("error: RESOURCE_DOES_NOT_EXIST: ");
        assertThat(result.err().strip().lines()).hasSize(1);
    }
}
