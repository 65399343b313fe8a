package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.TestHttp;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The description is generated, not read: a route a test registers, with no resource touched, is described with its
 * path parameters, role, summary and the schemas of its records (their Jackson names), and a route registered without
 * documentation outside MLflow's prefixes is described without a summary (which {@link OpenApiTest} refuses).
 */
class OpenApiGenerationTest {
    private static final Routes GADGETS = new Routes() {
        @Override
        public void addTo(RoutesConfig routes) {
            routes.put("/api/v1/gadgets/{id}", ctx -> ctx.json(new GadgetResponse(null, 0, null)), Role.WRITE);
            routes.get("/api/v1/gadgets/{id}/<file>", ctx -> ctx.result("x"), Role.PUBLIC);
            routes.get("/api/v1/undocumented", ctx -> ctx.result("x"), Role.READ);
        }

        @Override
        public List<ApiDoc> docs() {
            ApiDoc.Tag gadgets = ApiDoc.tag("Gadgets");
            return List.of(
                    gadgets.put("/api/v1/gadgets/{id}", "Store a gadget").request(GadgetRequest.class)
                            .response(GadgetResponse.class),
                    gadgets.get("/api/v1/gadgets/{id}/<file>", "Read a gadget's file").response("application/octet-stream"));
        }
    };

    private static HttpServer server;
    private static JsonNode document;

    @BeforeAll
    static void start() {
        server = new HttpServer("127.0.0.1", 0, 1 << 20, List.of(GADGETS)).start();
        TestHttp.Response response = new TestHttp("http://127.0.0.1:" + server.port()).get("/api/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        document = response.json();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void a_route_registered_in_code_is_described_with_its_documentation_and_role() {
        JsonNode put = document.at("/paths/~1api~1v1~1gadgets~1{id}/put");
        assertThat(put.path("summary").asText()).isEqualTo("Store a gadget");
        assertThat(put.path("tags").get(0).asText()).isEqualTo("Gadgets");
        assertThat(put.path("x-mlforge-role").asText()).isEqualTo("WRITE");
        assertThat(put.path("parameters").get(0).path("name").asText()).isEqualTo("id");
        assertThat(put.path("responses").has("403")).isTrue();
        assertThat(put.at("/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/GadgetRequest");
        assertThat(names(document.at("/components/schemas/GadgetRequest/properties")))
                .containsExactly("gadget_name", "size_bytes");
        assertThat(names(document.at("/components/schemas/GadgetResponse/properties")))
                .containsExactly("created_at", "gadget", "owner");
        assertThat(names(document.at("/components/schemas/GadgetResponseOwner/properties"))).containsExactly("user_name");

        JsonNode file = document.at("/paths/~1api~1v1~1gadgets~1{id}~1{file}/get");
        assertThat(file.path("security")).hasSize(1);
        assertThat(file.path("security").get(0).isEmpty()).isTrue();
        assertThat(file.path("parameters").get(1).path("description").asText()).contains("slashes");
        assertThat(file.at("/responses/200/content").has("application/octet-stream")).isTrue();
    }

    @Test
    void an_undocumented_platform_route_is_listed_without_a_summary() {
        JsonNode undocumented = document.at("/paths/~1api~1v1~1undocumented/get");
        assertThat(undocumented.isMissingNode()).isFalse();
        assertThat(undocumented.has("summary")).isFalse();
        assertThat(document.at("/paths/~1api~1openapi.json/get/summary").asText()).isNotBlank();
    }

    @Test
    void documentation_of_a_route_that_is_not_registered_is_refused() {
        List<OpenApiDocument.Route> routes = List.of(new OpenApiDocument.Route("GET", "/a", Role.READ));
        assertThatThrownBy(() -> OpenApiDocument.describe(routes, List.of(ApiDoc.tag("T").get("/b", "B"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GET /b");
    }

    @Test
    void two_different_records_of_one_schema_name_are_refused() {
        List<OpenApiDocument.Route> routes = List.of(new OpenApiDocument.Route("GET", "/a", Role.READ),
                new OpenApiDocument.Route("GET", "/b", Role.READ));
        ApiDoc.Tag tag = ApiDoc.tag("T");
        assertThatThrownBy(() -> OpenApiDocument.describe(routes, List.of(
                tag.get("/a", "A").response(dev.mlforge.api.serving.DeploymentInfo.class),
                tag.get("/b", "B").response(DeploymentInfo.class))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DeploymentInfo");
    }

    private static Set<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return new TreeSet<>(names);
    }
}

/** A record of the same simple name as {@code dev.mlforge.api.serving.DeploymentInfo}, with other fields. */
record DeploymentInfo(@JsonProperty("other") String other) {}

/** A request record with Jackson names that differ from its components'. */
record GadgetRequest(@JsonProperty("gadget_name") String gadgetName, @JsonProperty("size_bytes") long sizeBytes) {}

/** A response record nesting the request, with a nested record of its own (named after its enclosing record). */
record GadgetResponse(@JsonProperty("gadget") GadgetRequest gadget, @JsonProperty("created_at") long createdAt,
        @JsonProperty("owner") Owner owner) {
    record Owner(@JsonProperty("user_name") String userName) {}
}
