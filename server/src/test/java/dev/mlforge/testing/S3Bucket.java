package dev.mlforge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One bucket on an {@link S3TestServer} of its own for a test class, with the server's key handed to the AWS chain.
 * Register it as a static extension before the {@link ApplicationExtension} that stores its artifacts there
 * ({@link ApplicationExtension#withS3Artifacts}); {@link #client()} looks at the objects behind the server's back.
 */
public final class S3Bucket implements BeforeAllCallback, AfterAllCallback {
    private final String name;
    private Path objects;
    private S3TestServer server;
    private S3Client client;

    public S3Bucket(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        objects = Files.createTempDirectory("mlforge-s3-");
        server = S3TestServer.start(objects).exportCredentials();
        server.createBucket(name);
        client = server.client();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        client.close();
        server.close();
        try (Stream<Path> files = Files.walk(objects)) {
            files.sorted(Comparator.reverseOrder()).forEach(S3Bucket::delete);
        }
    }

    public String name() {
        return name;
    }

    /** {@code s3://<bucket>/<prefix>}, or the bucket's root for an empty prefix. */
    public String uri(String prefix) {
        return "s3://" + name + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public S3Client client() {
        return client;
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
