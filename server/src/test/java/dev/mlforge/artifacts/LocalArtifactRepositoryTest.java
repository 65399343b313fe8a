package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository.ArtifactFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactRepositoryTest {
    @TempDir
    Path tmp;
    Path outside;
    LocalArtifactRepository repository;

    @BeforeEach
    void setUp() throws IOException {
        repository = new LocalArtifactRepository(tmp.resolve("artifacts"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
    }

    @Test
    void writes_and_reads_back_the_same_bytes() throws IOException {
        byte[] bytes = new byte[700_000];
        new Random(7).nextBytes(bytes);
        long written = repository.write("1/run/artifacts/model.bin", new ByteArrayInputStream(bytes));
        assertThat(written).isEqualTo(bytes.length);
        try (InputStream in = repository.read("1/run/artifacts/model.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void replaces_an_existing_file() throws IOException {
        repository.write("a.txt", text("old"));
        repository.write("a.txt", text("new"));
        assertThat(read("a.txt")).isEqualTo("new");
    }

    @Test
    void a_failing_upload_leaves_no_file_under_the_final_name() {
        assertThatThrownBy(() -> repository.write("dir/model.bin", failingAfter(300_000)))
                .isInstanceOfSatisfying(MlforgeException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageContaining("interrupted after");
        assertThat(repository.exists("dir/model.bin")).isFalse();
        assertThat(filesUnder(repository.root().resolve("dir"))).isEmpty();
    }

    @Test
    void a_failing_upload_keeps_the_previous_version() throws IOException {
        repository.write("model.bin", text("version 1"));
        assertThatThrownBy(() -> repository.write("model.bin", failingAfter(300_000))).isInstanceOf(MlforgeException.class);
        assertThat(read("model.bin")).isEqualTo("version 1");
        assertThat(filesUnder(repository.root())).containsExactly(repository.root().resolve("model.bin"));
    }

    @Test
    void lists_direct_entries_by_name_with_sizes_for_files() {
        repository.write("run/a/b/c.txt", text("ccc"));
        repository.write("run/a/d.txt", text("dd"));
        repository.write("run/e.txt", text("e"));
        assertThat(repository.list("run")).containsExactly(new ArtifactFile("a", true, null), new ArtifactFile("e.txt", false, 1L));
        assertThat(repository.list("run/a")).containsExactly(new ArtifactFile("b", true, null), new ArtifactFile("d.txt", false, 2L));
        assertThat(repository.list("")).containsExactly(new ArtifactFile("run", true, null));
    }

    @Test
    void lists_nothing_for_a_missing_folder_or_a_file() {
        repository.write("e.txt", text("e"));
        assertThat(repository.list("missing")).isEmpty();
        assertThat(repository.list("e.txt")).isEmpty();
    }

    @Test
    void lists_files_recursively_relative_to_the_folder() {
        repository.write("run/a/b/c.txt", text("ccc"));
        repository.write("run/e.txt", text("e"));
        assertThat(repository.listRecursively("run"))
                .containsExactly(new ArtifactFile("a/b/c.txt", false, 3L), new ArtifactFile("e.txt", false, 1L));
    }

    @Test
    void hides_uploads_in_progress_from_listings() throws IOException {
        repository.write("run/e.txt", text("e"));
        Files.writeString(repository.root().resolve("run/.mlforge-upload-123.part"), "partial");
        assertThat(repository.list("run")).extracting(ArtifactFile::path).containsExactly("e.txt");
        assertThat(repository.listRecursively("run")).extracting(ArtifactFile::path).containsExactly("e.txt");
    }

    @Test
    void deletes_a_file_or_a_tree_and_reports_when_nothing_was_there() {
        repository.write("run/a/b/c.txt", text("ccc"));
        repository.write("run/e.txt", text("e"));
        assertThat(repository.delete("run/e.txt")).isTrue();
        assertThat(repository.delete("run/a")).isTrue();
        assertThat(repository.list("run")).isEmpty();
        assertThat(repository.delete("run/a")).isFalse();
    }

    @Test
    void refuses_to_write_read_or_delete_the_root_itself() {
        assertThatThrownBy(() -> repository.delete("")).hasMessageContaining("names the artifact root");
        assertThatThrownBy(() -> repository.write("/", text("x"))).isInstanceOf(MlforgeException.class);
        assertThatThrownBy(() -> repository.read(".")).hasMessageContaining("names the artifact root");
    }

    @Test
    void reports_a_missing_file_as_not_found() {
        assertThatThrownBy(() -> repository.read("nope.txt"))
                .isInstanceOfSatisfying(MlforgeException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
        assertThatThrownBy(() -> repository.describe("nope.txt"))
                .isInstanceOfSatisfying(MlforgeException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    }

    @Test
    void refuses_to_read_a_directory_as_a_file() {
        repository.write("dir/x.txt", text("x"));
        assertThatThrownBy(() -> repository.read("dir")).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> repository.write("dir", text("x"))).hasMessageContaining("is a directory");
    }

    @Test
    void refuses_to_write_below_a_file() {
        repository.write("file.txt", text("x"));
        assertThatThrownBy(() -> repository.write("file.txt/child.txt", text("x")))
                .isInstanceOfSatisfying(MlforgeException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void describes_files_and_folders() {
        repository.write("dir/x.txt", text("xyz"));
        assertThat(repository.describe("dir/x.txt")).isEqualTo(new ArtifactFile("dir/x.txt", false, 3L));
        assertThat(repository.describe("dir")).isEqualTo(new ArtifactFile("dir", true, null));
        assertThat(repository.exists("dir/x.txt")).isTrue();
        assertThat(repository.isDirectory("dir")).isTrue();
        assertThat(repository.localPath("dir/x.txt")).isEqualTo(repository.root().resolve("dir/x.txt"));
    }

    @Test
    void refuses_every_operation_through_a_symlinked_folder() throws IOException {
        Files.createSymbolicLink(repository.root().resolve("escape"), outside);
        assertRefused(() -> repository.read("escape/secret.txt"));
        assertRefused(() -> repository.write("escape/secret.txt", text("pwned")));
        assertRefused(() -> repository.write("escape/new/file.txt", text("pwned")));
        assertRefused(() -> repository.list("escape"));
        assertRefused(() -> repository.listRecursively("escape"));
        assertRefused(() -> repository.delete("escape/secret.txt"));
        assertRefused(() -> repository.exists("escape/secret.txt"));
        assertRefused(() -> repository.localPath("escape/secret.txt"));
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
        assertThat(filesUnder(outside)).containsExactly(outside.resolve("secret.txt"));
    }

    @Test
    void refuses_to_read_or_write_through_a_symlinked_file() throws IOException {
        Files.createSymbolicLink(repository.root().resolve("link.txt"), outside.resolve("secret.txt"));
        assertRefused(() -> repository.read("link.txt"));
        assertRefused(() -> repository.write("link.txt", text("pwned")));
        assertRefused(() -> repository.delete("link.txt"));
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }

    @Test
    void leaves_symlinks_out_of_listings_and_does_not_follow_them() throws IOException {
        repository.write("run/e.txt", text("e"));
        Files.createSymbolicLink(repository.root().resolve("run/escape"), outside);
        assertThat(repository.list("run")).extracting(ArtifactFile::path).containsExactly("e.txt");
        assertThat(repository.listRecursively("")).extracting(ArtifactFile::path).containsExactly("run/e.txt");
    }

    @Test
    void deleting_a_tree_removes_a_link_inside_it_but_not_its_target() throws IOException {
        repository.write("run/e.txt", text("e"));
        Files.createSymbolicLink(repository.root().resolve("run/escape"), outside);
        assertThat(repository.delete("run")).isTrue();
        assertThat(Files.exists(repository.root().resolve("run"))).isFalse();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }

    @Test
    void a_root_reached_through_a_symlink_still_works() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real-root"));
        Path link = Files.createSymbolicLink(tmp.resolve("linked-root"), real);
        LocalArtifactRepository linked = new LocalArtifactRepository(link);
        linked.write("a/b.txt", text("b"));
        assertThat(Files.readString(real.resolve("a/b.txt"))).isEqualTo("b");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(MlforgeException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining("symbolic link");
    }

    private String read(String path) throws IOException {
        try (InputStream in = repository.read(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A source that delivers some bytes and then fails, as a client that goes away mid-upload does. */
    private static InputStream failingAfter(int bytes) {
        return new InputStream() {
            int delivered;

            @Override
            public int read() throws IOException {
                if (delivered++ >= bytes) {
                    throw new IOException("connection reset");
                }
                return 42;
            }
        };
    }

    private static java.util.List<Path> filesUnder(Path dir) {
        if (!Files.exists(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sweeping_removes_stale_upload_files_only() throws IOException {
        repository.write("run/model.bin", new ByteArrayInputStream(new byte[] {1, 2, 3}));
        Path folder = repository.root().resolve("run");
        Path stale = Files.writeString(folder.resolve(".mlforge-upload-111.part"), "half an upload");
        Path fresh = Files.writeString(folder.resolve(".mlforge-upload-222.part"), "still uploading");
        Path lookalike = Files.writeString(folder.resolve("mlforge-upload-333.part"), "a user's file");
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));
        Files.setLastModifiedTime(stale, FileTime.from(cutoff.minusSeconds(60)));
        Files.setLastModifiedTime(lookalike, FileTime.from(cutoff.minusSeconds(60)));

        assertThat(repository.sweepAbandonedUploads(cutoff)).isEqualTo(1);

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(lookalike).exists();
        assertThat(repository.read("run/model.bin")).hasBinaryContent(new byte[] {1, 2, 3});
    }
}
