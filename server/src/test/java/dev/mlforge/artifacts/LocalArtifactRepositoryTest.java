package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.artifacts.ArtifactRepository.ArtifactFile;
import dev.mlforge.http.MlforgeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The repository contract on a local folder, and what only a local folder has: temporary files, links, the sweep. */
class LocalArtifactRepositoryTest extends ArtifactRepositoryContract {
    private LocalArtifactRepository local;

    @Override
    ArtifactRepository newRepository(Path dir) {
        local = new LocalArtifactRepository(dir.resolve("artifacts"));
        return local;
    }

    /** Plants a symbolic link at {@code path} inside the repository, pointing at {@code target} outside it. */
    void plantLink(String path, Path target) throws IOException {
        Files.createSymbolicLink(local.root().resolve(path), target);
    }

    @Test
    void refuses_every_operation_through_a_linked_folder() throws IOException {
        plantLink("escape", outside);
        for (ThrowingCallable call : List.<ThrowingCallable>of(() -> repository.read("escape/secret.txt"),
                () -> repository.write("escape/secret.txt", text("pwned")),
                () -> repository.write("escape/new/file.txt", text("pwned")), () -> repository.list("escape"),
                () -> repository.listRecursively("escape"), () -> repository.delete("escape/secret.txt"),
                () -> repository.exists("escape/secret.txt"), () -> repository.localPath("escape/secret.txt"))) {
            assertThatThrownBy(call).isInstanceOfSatisfying(MlforgeException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE)).hasMessageContaining("symbolic link");
        }
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
        assertThat(filesUnder(outside)).containsExactly(outside.resolve("secret.txt"));
    }

    @Test
    void refuses_to_read_or_write_through_a_linked_file_and_leaves_links_out_of_listings() throws IOException {
        repository.write("run/e.txt", text("e"));
        plantLink("run/link.txt", outside.resolve("secret.txt"));
        assertInvalid(() -> repository.read("run/link.txt"));
        assertInvalid(() -> repository.write("run/link.txt", text("pwned")));
        assertThat(repository.list("run")).extracting(ArtifactFile::path).containsExactly("e.txt");
        assertThat(repository.listRecursively("")).extracting(ArtifactFile::path).containsExactly("run/e.txt");
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }

    @Test
    void a_failing_upload_leaves_no_temporary_file_behind() {
        assertThatThrownBy(() -> local.write("dir/model.bin", failingAfter(300_000))).isInstanceOf(MlforgeException.class);
        assertThat(filesUnder(local.root())).isEmpty();
    }

    @Test
    void hides_uploads_in_progress_from_listings() throws IOException {
        local.write("run/e.txt", text("e"));
        Files.writeString(local.root().resolve("run/.mlforge-upload-123.part"), "partial");
        assertThat(local.list("run")).extracting(ArtifactFile::path).containsExactly("e.txt");
        assertThat(local.listRecursively("run")).extracting(ArtifactFile::path).containsExactly("e.txt");
    }

    @Test
    void refuses_to_delete_through_a_linked_file() throws IOException {
        plantLink("link.txt", outside.resolve("secret.txt"));
        assertInvalid(() -> local.delete("link.txt"));
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }

    @Test
    void deleting_a_tree_removes_a_link_inside_it_but_not_its_target() throws IOException {
        local.write("run/e.txt", text("e"));
        plantLink("run/escape", outside);
        assertThat(local.delete("run")).isTrue();
        assertThat(Files.exists(local.root().resolve("run"))).isFalse();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }

    @Test
    void a_root_reached_through_a_symlink_still_works() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real-root"));
        Path link = Files.createSymbolicLink(tmp.resolve("linked-root"), real);
        LocalArtifactRepository linked = new LocalArtifactRepository(link);
        linked.write("a/b.txt", text("b"));
        assertThat(Files.readString(real.resolve("a/b.txt"))).isEqualTo("b");
        assertThat(linked.pathOf(link.resolve("a/b.txt"))).contains("a/b.txt");
        assertThat(linked.pathOf(real.resolve("a/b.txt"))).contains("a/b.txt");
    }

    @Test
    void local_paths_and_store_paths_name_the_same_files() {
        local.write("dir/x.txt", text("xyz"));
        assertThat(local.localPath("dir/x.txt")).isEqualTo(local.root().resolve("dir/x.txt"));
        assertThat(local.pathOf(local.root().resolve("dir/x.txt"))).contains("dir/x.txt");
        assertThat(local.pathOf(local.root().resolve("dir/../dir/x.txt"))).contains("dir/x.txt");
        assertThat(local.pathOf(local.root().resolve("../outside/secret.txt"))).isEmpty();
    }

    @Test
    void sweeping_removes_stale_upload_files_only() throws IOException {
        local.write("run/model.bin", new ByteArrayInputStream(new byte[] {1, 2, 3}));
        Path folder = local.root().resolve("run");
        Path stale = Files.writeString(folder.resolve(".mlforge-upload-111.part"), "half an upload");
        Path fresh = Files.writeString(folder.resolve(".mlforge-upload-222.part"), "still uploading");
        Path lookalike = Files.writeString(folder.resolve("mlforge-upload-333.part"), "a user's file");
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));
        Files.setLastModifiedTime(stale, FileTime.from(cutoff.minusSeconds(60)));
        Files.setLastModifiedTime(lookalike, FileTime.from(cutoff.minusSeconds(60)));

        assertThat(local.sweepAbandonedUploads(cutoff)).isEqualTo(1);

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(lookalike).exists();
        assertThat(local.read("run/model.bin")).hasBinaryContent(new byte[] {1, 2, 3});
    }
}
