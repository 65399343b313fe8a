package dev.mlforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigLoader;
import dev.mlforge.config.ServerConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration the Kubernetes manifests give the server (the ConfigMap's file, the Secret's variables, the
 * container's env) starts a real server as the pod would: bound beyond loopback with basic authentication, probes
 * open, /metrics answering Prometheus's credentials from the Secret under a pod-IP Host header. Only the port (0) and
 * the data folder (a temporary one) are overridden, as flags, as the migration Job overrides its port.
 */
class ManifestConfigurationTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_single_mode_configuration_starts_a_server_that_probes_and_prometheus_can_reach(@TempDir Path dir) throws Exception {
        TypedManifests manifests = KubernetesManifestsTest.render("single");
        Map<String, String> secret = manifests.get(Secret.class, "mlforge").getStringData();
        Application application = new Application(config(manifests, dir)).start();
        try {
            String base = "http://127.0.0.1:" + application.port();
            String basic = "Basic " + Base64.getEncoder().encodeToString((secret.get("MLFORGE_ADMIN_USERNAME") + ":"
                    + secret.get("MLFORGE_ADMIN_PASSWORD")).getBytes(StandardCharsets.UTF_8));

            assertThat(get(base + "/health/ready", Map.of()).statusCode()).isEqualTo(200);
            assertThat(get(base + "/health/live", Map.of()).statusCode()).isEqualTo(200);
            assertThat(get(base + "/metrics", Map.of("Host", "10.244.1.17:5000")).statusCode()).isEqualTo(401);
            HttpResponse<String> metrics = get(base + "/metrics", Map.of("Host", "10.244.1.17:5000", "Authorization", basic));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        } finally {
            application.close();
        }
    }

    @Test
    void the_replicated_mode_configuration_reads_postgresql_as_its_store() throws Exception {
        ServerConfig config = config(KubernetesManifestsTest.render("replicated"), Files.createTempDirectory("mlforge-deploy"));

        assertThat(config.backendStoreUri()).startsWith("postgresql://");
    }

    private static ServerConfig config(TypedManifests manifests, Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("mlforge.yaml"), manifests.get(ConfigMap.class, "mlforge").getData().get("mlforge.yaml"));
        Map<String, String> environment = new HashMap<>(manifests.get(Secret.class, "mlforge").getStringData());
        for (EnvVar env : manifests.get(Deployment.class, "mlforge").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            if (!env.getName().equals("MLFORGE_CONFIG")) {
                environment.put(env.getName(), env.getValue());
            }
        }
        Map<String, String> flags = Map.of("port", "0", "grpc-port", "-1", "data-dir", dir.resolve("data").toString());
        return ServerConfig.from(new ConfigLoader(environment).load(file, flags));
    }

    private HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        // The JDK client refuses to set Host; a raw request keeps the header a pod-IP scrape sends.
        if (headers.containsKey("Host")) {
            URI uri = URI.create(url);
            try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
                StringBuilder request = new StringBuilder("GET " + uri.getPath() + " HTTP/1.0\r\n");
                headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
                socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int status = Integer.parseInt(answer.split(" ", 3)[1]);
                String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
                return new RawResponse(status, body);
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status and body of a hand-written HTTP/1.0 exchange. */
    private record RawResponse(int statusCode, String body) implements HttpResponse<String> {
        @Override public HttpRequest request() { return null; }
        @Override public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        @Override public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true); }
        @Override public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        @Override public URI uri() { return null; }
        @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
