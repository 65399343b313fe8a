package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.artifacts.ArtifactRepository.ArtifactFile;
import dev.mlforge.http.MlforgeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ArtifactRepository} must do, run by each implementation's test through {@code extends}: store
 * and read back, list, delete, refuse every path that could leave the store, stream large files and report a
 * missing file. An implementation's test supplies a fresh repository; stores with symbolic links (a local folder) test
 * those in their own class.
 */
abstract class ArtifactRepositoryContract {
    /** Large enough that a repository holding a whole upload in memory would show in the test's time and heap. */
    private static final long LARGE_FILE_BYTES = 48L * 1024 * 1024;

    @TempDir
    Path tmp;
    /** A folder beside the repository, with one file an escaping path would reach. */
    Path outside;
    ArtifactRepository repository;

    /** A new, empty repository; {@code dir} is a fresh folder it may use. */
    abstract ArtifactRepository newRepository(Path dir) throws IOException;

    @BeforeEach
    void createRepository() throws IOException {
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        repository = newRepository(Files.createDirectories(tmp.resolve("store")));
    }

    @Test
    void writes_and_reads_back_the_same_bytes_at_a_nested_path() throws IOException {
        byte[] bytes = new byte[700_000];
        new Random(7).nextBytes(bytes);
        long written = repository.write("1/run/artifacts/model/model.bin", new ByteArrayInputStream(bytes));
        assertThat(written).isEqualTo(bytes.length);
        try (InputStream in = repository.read("1/run/artifacts/model/model.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(repository.exists("1/run/artifacts/model/model.bin")).isTrue();
        assertThat(repository.isDirectory("1/run/artifacts/model")).isTrue();
    }

    @Test
    void replaces_an_existing_file() throws IOException {
        repository.write("a.txt", text("old"));
        repository.write("a.txt", text("new"));
        assertThat(read("a.txt")).isEqualTo("new");
    }

    @Test
    void streams_a_large_file_in_and_out() throws Exception {
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        long written = repository.write("big/data.bin", new DigestInputStream(generated(LARGE_FILE_BYTES), sent));
        assertThat(written).isEqualTo(LARGE_FILE_BYTES);
        assertThat(repository.describe("big/data.bin").fileSize()).isEqualTo(LARGE_FILE_BYTES);
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(repository.read("big/data.bin"), received)) {
            assertThat(in.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(LARGE_FILE_BYTES);
        }
        assertThat(received.digest()).isEqualTo(sent.digest());
    }

    @Test
    void a_failing_upload_keeps_the_previous_version_and_leaves_no_new_file() throws IOException {
        repository.write("model.bin", text("version 1"));
        assertThatThrownBy(() -> repository.write("model.bin", failingAfter(300_000))).isInstanceOf(MlforgeException.class);
        assertThatThrownBy(() -> repository.write("dir/model.bin", failingAfter(300_000)))
                .isInstanceOfSatisfying(MlforgeException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThat(read("model.bin")).isEqualTo("version 1");
        assertThat(repository.exists("dir/model.bin")).isFalse();
        assertThat(repository.listRecursively("")).extracting(ArtifactFile::path).containsExactly("model.bin");
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
    void lists_files_recursively_relative_to_the_folder() {
        repository.write("run/a/b/c.txt", text("ccc"));
        repository.write("run/e.txt", text("e"));
        assertThat(repository.listRecursively("run"))
                .containsExactly(new ArtifactFile("a/b/c.txt", false, 3L), new ArtifactFile("e.txt", false, 1L));
    }

    @Test
    void lists_nothing_for_a_missing_folder_or_a_file() {
        repository.write("e.txt", text("e"));
        assertThat(repository.list("missing")).isEmpty();
        assertThat(repository.list("e.txt")).isEmpty();
        assertThat(repository.listRecursively("missing")).isEmpty();
    }

    @Test
    void describes_files_and_folders() {
        repository.write("dir/x.txt", text("xyz"));
        assertThat(repository.describe("dir/x.txt")).isEqualTo(new ArtifactFile("dir/x.txt", false, 3L));
        assertThat(repository.describe("dir")).isEqualTo(new ArtifactFile("dir", true, null));
    }

    @Test
    void deletes_a_file_or_a_tree_and_reports_when_nothing_was_there() {
        repository.write("run/a/b/c.txt", text("ccc"));
        repository.write("run/e.txt", text("e"));
        assertThat(repository.delete("run/e.txt")).isTrue();
        assertThat(repository.exists("run/e.txt")).isFalse();
        assertThat(repository.delete("run/a")).isTrue();
        assertThat(repository.list("run")).isEmpty();
        assertThat(repository.delete("run/a")).isFalse();
    }

    @Test
    void reports_a_missing_file_as_not_found() {
        assertThat(repository.exists("nope.txt")).isFalse();
        for (ThrowingCallable call : List.<ThrowingCallable>of(() -> repository.read("nope.txt"),
                () -> repository.read("missing/folder/nope.txt"), () -> repository.describe("nope.txt"))) {
            assertThatThrownBy(call).isInstanceOfSatisfying(MlforgeException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
        }
    }

    @Test
    void refuses_to_write_read_or_delete_the_root_itself() {
        assertThatThrownBy(() -> repository.delete("")).hasMessageContaining("names the artifact root");
        assertThatThrownBy(() -> repository.write("/", text("x"))).isInstanceOf(MlforgeException.class);
        assertThatThrownBy(() -> repository.read(".")).hasMessageContaining("names the artifact root");
    }

    @Test
    void refuses_to_read_a_directory_as_a_file_or_write_below_a_file() {
        repository.write("dir/x.txt", text("x"));
        repository.write("file.txt", text("x"));
        assertThatThrownBy(() -> repository.read("dir")).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> repository.write("dir", text("x"))).hasMessageContaining("is a directory");
        assertInvalid(() -> repository.write("file.txt/child.txt", text("x")));
    }

    @Test
    void refuses_every_path_that_could_leave_the_store() throws IOException {
        repository.write("run/inside.txt", text("inside"));
        for (String path : List.of("../outside/secret.txt", "run/../../outside/secret.txt", "/etc/passwd",
                tmp.resolve("outside/secret.txt").toString(), "%2e%2e/outside/secret.txt", "%252e%252e/outside/secret.txt",
                "run%2f..%2f..%2foutside/secret.txt", "run/inside.txt\0.png", "..\\outside\\secret.txt", "C:/Windows/win.ini")) {
            assertInvalid(() -> repository.read(path));
            assertInvalid(() -> repository.write(path, text("pwned")));
            assertInvalid(() -> repository.list(path));
            assertInvalid(() -> repository.listRecursively(path));
            assertInvalid(() -> repository.delete(path));
            assertInvalid(() -> repository.exists(path));
            assertInvalid(() -> repository.localPath(path));
        }
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
        assertThat(filesUnder(outside)).containsExactly(outside.resolve("secret.txt"));
        assertThat(repository.listRecursively("")).extracting(ArtifactFile::path).containsExactly("run/inside.txt");
    }

    @Test
    void hands_out_a_local_copy_that_libraries_can_open() throws IOException {
        repository.write("model/model.onnx", text("onnx bytes"));
        assertThat(Files.readString(repository.localPath("model/model.onnx"))).isEqualTo("onnx bytes");
    }

    @Test
    void knows_no_store_path_for_a_file_outside_it() {
        assertThat(repository.pathOf(outside.resolve("secret.txt").toAbsolutePath())).isEmpty();
    }

    void assertInvalid(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MlforgeException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    String read(String path) throws IOException {
        try (InputStream in = repository.read(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code size} pseudo-random bytes, produced as they are read (never held in memory). */
    static InputStream generated(long size) {
        return new InputStream() {
            private final Random random = new Random(42);
            private long remaining = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (remaining == 0) {
                    return -1;
                }
                int count = (int) Math.min(length, remaining);
                byte[] chunk = new byte[count];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, buffer, offset, count);
                remaining -= count;
                return count;
            }
        };
    }

    /** A source that delivers some bytes and then fails, as a client that goes away mid-upload does. */
    static InputStream failingAfter(int bytes) {
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

    static List<Path> filesUnder(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
