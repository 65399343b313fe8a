package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.artifacts.ArtifactRepository.ArtifactFile;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.testing.S3TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The repository contract on a real S3 server (s3proxy, in-process), under a key prefix of a fresh bucket per test,
 * and what only S3 has: multipart uploads, keys other tools wrote, the local cache for model loading, pre-signed
 * downloads.
 */
class S3ArtifactRepositoryTest extends ArtifactRepositoryContract {
    private static final int PART_SIZE = 5 << 20;
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3TestServer server;
    private static S3Client raw;

    private S3ArtifactRepository s3;
    private String bucket;

    @BeforeAll
    static void startServer(@org.junit.jupiter.api.io.TempDir Path objects) throws Exception {
        server = S3TestServer.start(objects);
        raw = server.client();
    }

    @AfterAll
    static void stopServer() throws Exception {
        raw.close();
        server.close();
    }

    @Override
    ArtifactRepository newRepository(Path dir) {
        s3 = repository(dir, 64L << 20, null);
        return s3;
    }

    private S3ArtifactRepository repository(Path dir, long cacheBytes, Duration presignedTtl) {
        bucket = "artifacts-" + BUCKETS.incrementAndGet();
        server.createBucket(bucket);
        S3Settings settings = new S3Settings(new S3Location(bucket, "team/store"), server.endpoint(), "us-east-1", true,
                PART_SIZE, dir.resolve("cache"), cacheBytes, presignedTtl);
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY));
        return new S3ArtifactRepository(S3Clients.client(settings, credentials), S3Clients.presigner(settings, credentials),
                settings);
    }

    @AfterEach
    void closeRepository() {
        s3.close();
    }

    @Test
    void stores_each_file_under_the_prefix_as_one_object() throws IOException {
        s3.write("1/run/a.txt", text("a"));
        assertThat(raw.listObjectsV2(request -> request.bucket(bucket)).contents())
                .extracting(object -> object.key()).containsExactly("team/store/1/run/a.txt");
    }

    @Test
    void a_body_larger_than_a_part_goes_up_in_parts_of_the_configured_size() throws Exception {
        long size = 8L * PART_SIZE + 123;
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        assertThat(s3.write("big.bin", new DigestInputStream(generated(size), sent))).isEqualTo(size);
        // S3 names a multipart object's ETag by its part count: 9 parts, the last one short.
        assertThat(raw.headObject(request -> request.bucket(bucket).key("team/store/big.bin")).eTag()).endsWith("-9\"");
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(s3.read("big.bin"), received)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(received.digest()).isEqualTo(sent.digest());
    }

    @Test
    void a_multipart_upload_that_fails_midway_is_aborted_and_leaves_the_previous_object() throws IOException {
        s3.write("model.bin", text("version 1"));
        assertThatThrownBy(() -> s3.write("model.bin", failingAfter(2 * PART_SIZE + 100)))
                .isInstanceOfSatisfying(MlforgeException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageContaining("interrupted after " + (2 * PART_SIZE + 100) + " bytes");
        assertThat(read("model.bin")).isEqualTo("version 1");
        assertThat(raw.listMultipartUploads(request -> request.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void keys_other_tools_wrote_outside_the_normal_form_or_the_prefix_are_not_listed() {
        s3.write("run/ok.txt", text("ok"));
        for (String key : new String[] {"team/store/run/%2e%2e", "team/store/run/back\\slash.txt", "team/store/run/folder/",
                "team/storex/sibling.txt", "elsewhere/secret.txt"}) {
            raw.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString("x"));
        }
        assertThat(s3.list("run")).extracting(ArtifactFile::path).containsExactly("folder", "ok.txt");
        assertThat(s3.listRecursively("")).extracting(ArtifactFile::path).containsExactly("run/ok.txt");
        assertThat(s3.list("")).extracting(ArtifactFile::path).containsExactly("run");
    }

    @Test
    void the_local_copy_follows_an_overwrite_and_a_tree_copy_drops_deleted_files() throws IOException {
        s3.write("model/MLmodel", text("flavors: v1"));
        s3.write("model/model.onnx", text("graph"));
        Path folder = s3.localPath("model");
        assertThat(Files.readString(folder.resolve("MLmodel"))).isEqualTo("flavors: v1");

        s3.write("model/MLmodel", text("flavors: v2"));
        s3.delete("model/model.onnx");
        assertThat(s3.localPath("model")).isEqualTo(folder);
        assertThat(Files.readString(folder.resolve("MLmodel"))).isEqualTo("flavors: v2");
        assertThat(folder.resolve("model.onnx")).doesNotExist();
        assertThat(folder).startsWith(tmp.resolve("store").toRealPath());
    }

    @Test
    void the_cache_keeps_within_its_size_by_dropping_the_least_recently_used_files() throws IOException {
        s3.close();
        s3 = repository(tmp.resolve("small"), 1L << 20, null);
        byte[] halfMegabyte = new byte[600 * 1024];
        s3.write("a/model.bin", new java.io.ByteArrayInputStream(halfMegabyte));
        s3.write("b/model.bin", new java.io.ByteArrayInputStream(halfMegabyte));
        Path first = s3.localPath("a");
        assertThat(first.resolve("model.bin")).exists();
        Path second = s3.localPath("b");
        assertThat(second.resolve("model.bin")).exists();
        assertThat(first.resolve("model.bin")).doesNotExist();
        assertThat(s3.cachedBytes()).isLessThanOrEqualTo(1L << 20);
        assertThat(Files.size(s3.localPath("a").resolve("model.bin"))).isEqualTo(halfMegabyte.length);
    }

    @Test
    void hands_out_a_presigned_url_that_downloads_the_file_without_credentials() throws Exception {
        s3.close();
        s3 = repository(tmp.resolve("presigned"), 1L << 20, Duration.ofMinutes(5));
        s3.write("run/report.html", text("<h1>report</h1>"));
        URI url = s3.directDownload("run/report.html", "text/plain", "attachment; filename=\"report.html\"").orElseThrow();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<h1>report</h1>");
        assertThat(response.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"report.html\"");
        assertInvalid(() -> s3.directDownload("../x", "text/plain", "attachment"));
    }

    @Test
    void downloads_stream_through_the_server_unless_presigning_is_on() {
        assertThat(s3.directDownload("run/report.html", "text/plain", "attachment")).isEmpty();
    }

    @Test
    void the_sweep_aborts_multipart_uploads_a_killed_server_left_only_once_they_are_old() {
        raw.createMultipartUpload(request -> request.bucket(bucket).key("team/store/half.bin"));
        raw.createMultipartUpload(request -> request.bucket(bucket).key("elsewhere/other-tool.bin"));
        assertThat(s3.sweepAbandonedUploads(Instant.now().minus(Duration.ofHours(1)))).isZero();
        assertThat(s3.sweepAbandonedUploads(Instant.now().plus(Duration.ofMinutes(1)))).isEqualTo(1);
        assertThat(raw.listMultipartUploads(request -> request.bucket(bucket)).uploads())
                .extracting(upload -> upload.key()).containsExactly("elsewhere/other-tool.bin");
    }
}
