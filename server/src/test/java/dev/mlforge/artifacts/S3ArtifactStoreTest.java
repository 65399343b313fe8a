package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.S3Bucket;
import dev.mlforge.testing.TestHttp;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * The server started with {@code --artifacts-destination s3://bucket/prefix} against a real S3 server (s3proxy):
 * MLflow's artifact routes upload, list and download through it, a model logged there is registered and deployed,
 * and a large upload streams from the client's socket into S3 parts while the client is still sending.
 */
class S3ArtifactStoreTest {
    private static final String BUCKET = "mlforge-e2e";
    private static final int PART_SIZE = 5 << 20;
    private static final Path MODEL = Path.of("src/test/resources/serving/models/iris_mlflow");

    @RegisterExtension
    static final S3Bucket bucket = new S3Bucket(BUCKET);

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            .withS3Artifacts(bucket, "mlflow")
            .withConfig("artifacts.s3.part-size", "5m");



    @Test
    void mlflow_artifact_routes_upload_list_and_download_through_the_bucket() {
        TestHttp http = server.http();
        assertThat(http.send("PUT", "/api/2.0/mlflow-artifacts/artifacts/1/run1/artifacts/notes/readme.txt", null, "hello s3").status())
                .isEqualTo(200);

        assertThat(bucket.client().getObjectAsBytes(request -> request.bucket(BUCKET).key("mlflow/1/run1/artifacts/notes/readme.txt")).asUtf8String())
                .isEqualTo("hello s3");
        assertThat(server.dataDir().resolve("artifacts")).doesNotExist();
        JsonNode listing = http.get("/api/2.0/mlflow-artifacts/artifacts?path=1/run1/artifacts/notes").ok().json();
        assertThat(listing.toString()).isEqualTo("{\"files\":[{\"path\":\"readme.txt\",\"is_dir\":false,\"file_size\":8}]}");
        TestHttp.Response download = http.get("/api/2.0/mlflow-artifacts/artifacts/1/run1/artifacts/notes/readme.txt");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("hello s3");
        assertThat(download.header("Content-Length")).contains("8");

        assertThat(http.get("/api/2.0/mlflow-artifacts/artifacts/1/run1/artifacts/missing.txt").errorCode())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(http.get("/api/2.0/mlflow-artifacts/artifacts/1/run1/artifacts/notes").errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(http.get("/api/2.0/mlflow-artifacts/artifacts/%2e%2e/secret").status()).isEqualTo(400);
        assertThat(http.delete("/api/2.0/mlflow-artifacts/artifacts/1/run1").status()).isEqualTo(200);
        assertThat(bucket.client().listObjectsV2(request -> request.bucket(BUCKET).prefix("mlflow/1/run1")).contents()).isEmpty();
    }

    @Test
    void a_model_logged_to_the_bucket_is_deployed_from_the_local_cache_and_its_prediction_export_lands_in_the_bucket()
            throws Exception {
        TestHttp http = server.http();
        String runId = http.post("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"0\"}").ok().json().at("/run/info/run_id").asText();
        String artifactUri = http.get("/api/2.0/mlflow/runs/get?run_id=" + runId).ok().json().at("/run/info/artifact_uri").asText();
        String base = artifactUri.substring("mlflow-artifacts:/".length()) + "/model/";
        for (String file : new String[] {"MLmodel", "model.onnx"}) {
            assertThat(http.send("PUT", "/api/2.0/mlflow-artifacts/artifacts/" + base + file, null, Files.readAllBytes(MODEL.resolve(file)))
                    .status()).isEqualTo(200);
        }
        assertThat(http.get("/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=model").ok().json().get("files"))
                .extracting(node -> node.get("path").asText()).containsExactly("model/MLmodel", "model/model.onnx");

        http.post("/api/2.0/mlflow/registered-models/create", "{\"name\": \"iris\"}").ok();
        JsonNode version = http.post("/api/2.0/mlflow/model-versions/create",
                "{\"name\": \"iris\", \"source\": \"runs:/" + runId + "/model\", \"run_id\": \"" + runId + "\"}").ok().json();
        assertThat(version.at("/model_version/status").asText()).isEqualTo("READY");
        http.post("/api/v1/deployments", "{\"name\": \"iris\", \"model_uri\": \"models:/iris/1\"}").ok();

        JsonNode predictions = http.post("/api/v1/deployments/iris/invocations", "{\"dataframe_split\": {\"columns\": [\"sepal_length\", "
                + "\"sepal_width\", \"petal_length\", \"petal_width\"], \"data\": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]}}")
                .ok().json().get("predictions");
        assertThat(predictions.get(0).get("label").asLong()).isZero();
        assertThat(predictions.get(1).get("label").asLong()).isEqualTo(2);
        Path cached = server.dataDir().resolve("artifact-cache").resolve(base).resolve("model.onnx");
        assertThat(cached).hasSameBinaryContentAs(MODEL.resolve("model.onnx"));

        // an export of the prediction log is written to the bucket and downloaded from it through the API
        JsonNode export = http.post("/api/v1/deployments/iris/predictions/exports?format=csv", "").json(200).get("export");
        assertThat(export.get("rows").asInt()).isPositive();
        String key = "mlflow/prediction-exports/iris/" + export.get("id").asText() + ".csv";
        assertThat(export.get("artifact_path").asText()).isEqualTo(key.substring("mlflow/".length()));
        String stored = bucket.client().getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asUtf8String();
        assertThat(stored).startsWith("request_id,timestamp,model_version").contains("5.1");
        TestHttp.Response download = http.get("/api/v1/deployments/iris/predictions/exports/" + export.get("id").asText());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(stored);
        assertThat(http.get("/api/v1/deployments/iris/predictions/exports/" + "0".repeat(32)).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/deployments/iris/predictions/exports/nope").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/deployments/iris/predictions/exports?format=json", "").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/deployments/nope/predictions/exports", "").status()).isEqualTo(404);
    }

    @Test
    void a_40_mb_upload_streams_into_s3_parts_while_the_client_is_still_sending() throws Exception {
        long size = 40L << 20;
        CountDownLatch partsSeen = new CountDownLatch(1);
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        // the client stops after 3 parts' worth and waits: only a server that streams has sent parts to S3 by then
        InputStream body = new DigestInputStream(new PausingInput(size, 3L * PART_SIZE + 1000, partsSeen), sent);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/2.0/mlflow-artifacts/artifacts/big/data.bin"))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), size)).build();
        CompletableFuture<HttpResponse<String>> upload = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> partsUploaded("mlflow/big/data.bin") >= 2);
        } finally {
            partsSeen.countDown();
        }
        HttpResponse<String> response = upload.get(120, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        assertThat(bucket.client().headObject(head -> head.bucket(BUCKET).key("mlflow/big/data.bin")).eTag()).endsWith("-8\"");
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        HttpResponse<InputStream> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/api/2.0/mlflow-artifacts/artifacts/big/data.bin")).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = new DigestInputStream(download.body(), received)) {
            assertThat(in.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(size);
        }
        assertThat(received.digest()).isEqualTo(sent.digest());
    }

    private static int partsUploaded(String key) {
        for (MultipartUpload upload : bucket.client().listMultipartUploads(list -> list.bucket(BUCKET)).uploads()) {
            if (upload.key().equals(key)) {
                return bucket.client().listParts(parts -> parts.bucket(BUCKET).key(key).uploadId(upload.uploadId())).parts().size();
            }
        }
        return 0;
    }

    /** {@code size} generated bytes that stop at {@code pauseAt} until {@code resume} opens (or 60 s pass). */
    private static final class PausingInput extends InputStream {
        private final InputStream bytes;
        private final long pauseAt;
        private final CountDownLatch resume;
        private long delivered;

        PausingInput(long size, long pauseAt, CountDownLatch resume) {
            this.bytes = ArtifactRepositoryContract.generated(size);
            this.pauseAt = pauseAt;
            this.resume = resume;
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            if (delivered >= pauseAt && resume.getCount() > 0) {
                try {
                    resume.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            int allowed = delivered < pauseAt ? (int) Math.min(length, pauseAt - delivered) : length;
            int read = bytes.read(buffer, offset, allowed);
            if (read > 0) {
                delivered += read;
            }
            return read;
        }
    }
}
