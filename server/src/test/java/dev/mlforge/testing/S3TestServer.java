package dev.mlforge.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server in the test's JVM: s3proxy on a free loopback port, objects in a folder, requests checked with
 * AWS signatures against one access key. {@link #exportCredentials()} hands that key to the standard AWS chain (its
 * system properties), as a deployment's environment would.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "mlforge-test-access";
    public static final String SECRET_KEY = "mlforge-test-secret";

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3TestServer(S3Proxy proxy) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Starts a server storing its objects under {@code folder}. */
    public static S3TestServer start(Path folder) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", folder.toAbsolutePath().toString());
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", properties))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3TestServer(proxy);
    }

    /** Sets the AWS chain's system properties to this server's key (the SDK reads them as it reads AWS_ACCESS_KEY_ID). */
    public S3TestServer exportCredentials() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        return this;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client of this server, for tests to create buckets and look at objects behind the store's back. */
    public S3Client client() {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** Creates a bucket. */
    public void createBucket(String bucket) {
        try (S3Client client = client()) {
            client.createBucket(request -> request.bucket(bucket));
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
