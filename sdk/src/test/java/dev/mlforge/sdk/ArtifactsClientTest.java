package dev.mlforge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.tracking.FileInfo;
import dev.mlforge.sdk.testing.ClientExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Artifact transfers through the real server's artifact proxy, addressed by a run's proxy root. */
class ArtifactsClientTest {
    private static final String ROOT = "1/0123456789abcdef0123456789abcdef/artifacts";

    @TempDir
    Path local;
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    private ArtifactsClient artifacts;

    @BeforeEach
    void start(MlforgeClient client) {
        artifacts = client.artifacts();
    }

    @Test
    void uploads_a_directory_tree_and_lists_it_relative_to_the_run_root() throws Exception {
        Path tree = Files.createDirectories(local.resolve("model"));
        Files.writeString(tree.resolve("MLmodel"), "flavors: {}");
        Files.createDirectories(tree.resolve("data"));
        Files.writeString(tree.resolve("data/weights.bin"), "0123456789");

        List<String> written = artifacts.uploadTo(ROOT, tree, "model", ProgressListener.NONE);

        assertThat(written).containsExactly("model/MLmodel", "model/data/weights.bin");
        assertThat(artifacts.listIn(ROOT, "")).containsExactly(new FileInfo("model", true, null));
        assertThat(artifacts.listIn(ROOT, "model")).containsExactly(
                new FileInfo("model/MLmodel", false, 11L), new FileInfo("model/data", true, null));
        assertThat(artifacts.listIn(ROOT, "model/data")).containsExactly(new FileInfo("model/data/weights.bin", false, 10L));
    }

    @Test
    void streams_a_large_file_up_and_down_with_progress() throws Exception {
        byte[] content = new byte[5 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        Path file = Files.write(local.resolve("big.bin"), content);
        AtomicLong uploaded = new AtomicLong();
        AtomicLong downloaded = new AtomicLong();
        AtomicLong downloadTotal = new AtomicLong();

        artifacts.uploadTo(ROOT, file, "blobs", (name, done, total) -> uploaded.set(done));
        Path target = artifacts.downloadFrom(ROOT, "blobs/big.bin", local.resolve("out"), (name, done, total) -> {
            downloaded.set(done);
            downloadTotal.set(total);
        });

        assertThat(target).isEqualTo(local.resolve("out/big.bin"));
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(uploaded.get()).isEqualTo(content.length);
        assertThat(downloaded.get()).isEqualTo(content.length);
        assertThat(downloadTotal.get()).isEqualTo(content.length);
        assertThat(local.resolve("out/big.bin.part")).doesNotExist();
    }

    @Test
    void downloads_a_directory_recursively() throws Exception {
        Path tree = Files.createDirectories(local.resolve("src/a/b"));
        Files.writeString(tree.resolve("deep.txt"), "deep");
        Files.writeString(local.resolve("src/top.txt"), "top");
        artifacts.uploadTo(ROOT, local.resolve("src"), "", ProgressListener.NONE);

        Path all = artifacts.downloadFrom(ROOT, "", local.resolve("all"), ProgressListener.NONE);
        Path sub = artifacts.downloadFrom(ROOT, "a", local.resolve("sub"), ProgressListener.NONE);

        assertThat(Files.readString(all.resolve("top.txt"))).isEqualTo("top");
        assertThat(Files.readString(all.resolve("a/b/deep.txt"))).isEqualTo("deep");
        assertThat(sub).isEqualTo(local.resolve("sub/a"));
        assertThat(Files.readString(sub.resolve("b/deep.txt"))).isEqualTo("deep");
    }

    @Test
    void download_of_a_missing_artifact_fails_with_not_found_and_leaves_no_file() {
        assertThatThrownBy(() -> artifacts.downloadFrom(ROOT, "nope.txt", local, ProgressListener.NONE))
                .isInstanceOfSatisfying(MlforgeClientException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.is(ErrorCode.RESOURCE_DOES_NOT_EXIST)).isTrue();
                });
        assertThat(local.resolve("nope.txt")).doesNotExist();
    }

    @Test
    void upload_of_a_missing_local_file_fails_before_any_call() {
        assertThatThrownBy(() -> artifacts.uploadTo(ROOT, local.resolve("absent"), null, ProgressListener.NONE))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("absent");
    }

    @Test
    void error_answer_of_the_real_server_becomes_an_exception_with_status_and_code() {
        // A path that leaves the artifact root is rejected in MLflow's error shape.
        assertThatThrownBy(() -> artifacts.listIn("", "../outside"))
                .isInstanceOfSatisfying(MlforgeClientException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.is(ErrorCode.INVALID_PARAMETER_VALUE)).isTrue();
                    assertThat(e.getMessage()).startsWith("INVALID_PARAMETER_VALUE: ");
                });
    }
}
