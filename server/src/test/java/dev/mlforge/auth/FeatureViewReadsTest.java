package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reading features needs READ on every feature view read, however it is named: directly, through a feature service
 * (whose views are checked as well as the service), or through a deployment that declares them. Users hold EDIT by
 * default; {@code limited} holds NO_PERMISSIONS on the view {@code secret_stats} only.
 */
class FeatureViewReadsTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth(Callers.ADMIN, Callers.ADMIN_PASSWORD)
            .withConfig("auth.default-permission", "EDIT");

    private static final List<String> MEASUREMENTS = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    private static final Map<String, Object> FROM_OPEN_VIEW = Map.of("features", List.of("open_stats"),
            "inputs", Map.of("input", MEASUREMENTS));
    private static final Map<String, Object> FROM_SERVICE = Map.of("feature_service", "both",
            "inputs", Map.of("input", MEASUREMENTS));
    private static final Map<String, Object> FROM_SECRET_VIEW = Map.of("features",
            List.of("open_stats", "secret_stats:secret_score"), "inputs", Map.of("input", MEASUREMENTS));
    private static Callers as;

    @BeforeAll
    static void definitionsAndModel() throws Exception {
        as = new Callers(server.http());
        for (String user : List.of("owner", "limited")) {
            as.createUser(user, user + "-password");
        }
        Files.createDirectories(server.dataDir().resolve("features"));
        Files.writeString(server.dataDir().resolve("features/open.csv"), "flower_id,event_timestamp," + String.join(",", MEASUREMENTS)
                + "\n1,2024-01-02T00:00:00Z,5.1,3.5,1.4,0.2\n");
        Files.writeString(server.dataDir().resolve("features/secret.csv"), "flower_id,event_timestamp,secret_score\n"
                + "1,2024-01-02T00:00:00Z,0.9\n");
        as.as("owner", "owner-password", "POST", "/api/v1/features/apply", Map.of(
                "entities", List.of(Map.of("name", "flower", "join_key", "flower_id")),
                "feature_views", List.of(view("open_stats", "features/open.csv", MEASUREMENTS),
                        view("secret_stats", "features/secret.csv", List.of("secret_score"))),
                "feature_services", List.of(Map.of("name", "both", "features", List.of("open_stats", "secret_stats:secret_score")))))
                .json(200);
        as.as("owner", "owner-password", "POST", "/api/v1/permissions", Map.of("resource_type", "feature_view",
                "resource_id", "secret_stats", "username", "limited", "permission", "NO_PERMISSIONS")).ok();
        Path model = Path.of(FeatureViewReadsTest.class.getResource("/serving/models/iris_logreg.onnx").toURI());
        new LoggedModels(server).registerModel("iris", model);
    }

    private static Map<String, Object> view(String name, String path, List<String> features) {
        return Map.of("name", name, "entities", List.of("flower"), "source", Map.of("path", path),
                "timestamp_field", "event_timestamp",
                "features", features.stream().map(feature -> Map.of("name", feature, "dtype", "Float64")).toList());
    }

    private static TestHttp.Response call(String user, String method, String path, Object body) {
        return as.as(user, user + "-password", method, path, body);
    }

    private static Map<String, Object> deployment(String name, Map<String, Object> features) {
        return Map.of("name", name, "model_uri", "models:/iris/1", "features", features);
    }

    @Test
    void an_online_read_through_a_feature_service_needs_read_on_each_of_its_views() {
        Map<String, Object> entities = Map.of("flower_id", List.of(1));
        Map<String, Object> byService = Map.of("feature_service", "both", "entities", entities);
        Map<String, Object> openOnly = Map.of("features", List.of("open_stats:sepal_length"), "entities", entities);

        assertThat(call("owner", "POST", "/get-online-features", byService).status()).isEqualTo(200);
        assertThat(call("limited", "GET", "/api/v1/feature-services/both", null).status()).isEqualTo(200);
        TestHttp.Response denied = call("limited", "POST", "/get-online-features", byService);
        assertThat(denied.status()).as(denied.body()).isEqualTo(403);
        assertThat(denied.body()).contains("secret_stats");
        assertThat(call("limited", "POST", "/get-online-features", openOnly).status()).isEqualTo(200);
    }

    @Test
    void a_deployment_declaring_features_needs_read_on_every_view_it_reads() {
        TestHttp.Response viaService = call("limited", "POST", "/api/v1/deployments", deployment("limited-service", FROM_SERVICE));
        assertThat(viaService.status()).as(viaService.body()).isEqualTo(403);
        assertThat(viaService.body()).contains("secret_stats");
        assertThat(call("limited", "POST", "/api/v1/deployments", deployment("limited-secret", FROM_SECRET_VIEW)).status())
                .isEqualTo(403);
        TestHttp.Response open = call("limited", "POST", "/api/v1/deployments", deployment("limited-open", FROM_OPEN_VIEW));
        assertThat(open.status()).as(open.body()).isEqualTo(200);
        TestHttp.Response owners = call("owner", "POST", "/api/v1/deployments", deployment("owner-service", FROM_SERVICE));
        assertThat(owners.status()).as(owners.body()).isEqualTo(200);
    }

    @Test
    void changing_a_deployment_to_read_a_view_needs_read_on_it() {
        call("owner", "POST", "/api/v1/deployments", deployment("changed", FROM_OPEN_VIEW)).json(200);

        TestHttp.Response denied = call("limited", "PATCH", "/api/v1/deployments/changed", Map.of("features", FROM_SECRET_VIEW));
        assertThat(denied.status()).as(denied.body()).isEqualTo(403);
        assertThat(call("owner", "PATCH", "/api/v1/deployments/changed", Map.of("features", FROM_SECRET_VIEW)).status())
                .isEqualTo(200);
    }
}
