package dev.mlforge.sdk.testing;

import dev.mlforge.sdk.MlforgeClient;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Boots the real application through {@link ApplicationExtension} and hands tests the SDK client of it, as a
 * {@link MlforgeClient} parameter or through {@link #client()}; it lives in the sdk's test-jar because the server's
 * tests cannot depend on the sdk (the sdk's tests depend on the server's test-jar).
 *
 * <pre>{@code
 * @RegisterExtension
 * final ClientExtension server = ClientExtension.sqlite();
 *
 * @Test
 * void something(MlforgeClient client) {
 *     client.experiments().create("e");
 * }
 * }</pre>
 * The client does not retry, so that a failure shows at once.
 */
public final class ClientExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {
    private final ApplicationExtension server;
    private MlforgeClient client;
    private String clientBaseUrl;

    private ClientExtension(ApplicationExtension server) {
        this.server = server;
    }

    /** The application on a SQLite file in its temporary data dir. */
    public static ClientExtension sqlite() {
        return of(ApplicationExtension.sqlite());
    }

    /** The application {@code server} boots (configured, on PostgreSQL, started on first use...). */
    public static ClientExtension of(ApplicationExtension server) {
        return new ClientExtension(server);
    }

    /** The SDK client of the running application, without retries; a new one after a restart. */
    public MlforgeClient client() {
        String baseUrl = server.baseUrl();
        if (client == null || !baseUrl.equals(clientBaseUrl)) {
            client = MlforgeClient.builder(baseUrl).retries(0, Duration.ZERO, Duration.ZERO).build();
            clientBaseUrl = baseUrl;
        }
        return client;
    }

    /** The application extension underneath, to reach the application or restart it. */
    public ApplicationExtension server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public TestHttp http() {
        return server.http();
    }

    public Path dataDir() {
        return server.dataDir();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MlforgeClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return client();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.afterEach(context);
        client = null;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.afterAll(context);
        client = null;
    }
}
