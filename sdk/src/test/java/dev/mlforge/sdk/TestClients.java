package dev.mlforge.sdk;

import dev.mlforge.testing.ApplicationExtension;
import java.time.Duration;

/** The SDK client of a test's application, without retries so that a failure shows at once. */
final class TestClients {
    private TestClients() {}

    static MlforgeClient of(ApplicationExtension server) {
        return MlforgeClient.builder(server.baseUrl()).retries(0, Duration.ZERO, Duration.ZERO).build();
    }
}
