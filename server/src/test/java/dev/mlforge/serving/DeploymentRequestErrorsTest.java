package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deployment request bodies of the wrong shape, over HTTP: each is refused with 400 INVALID_PARAMETER_VALUE naming
 * the field, in words a caller can act on, without the JSON library's class names or messages; nothing changes.
 */
class DeploymentRequestErrorsTest {
    @RegisterExtension
    final ApplicationExtension application = ApplicationExtension.sqlite();
    private final LoggedModels models = new LoggedModels(application);
    private TestHttp server;

    @BeforeEach
    void start() {
        models.registerModel("iris", TestModels.irisOnnx());
        models.registerModel("iris", TestModels.irisMlflow());
        server = application.http();
    }

    private String refused(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        String message = response.json().get("message").asText();
        assertThat(message).doesNotContain("jackson", "fasterxml", "dev.mlforge", "Cannot deserialize", "line:", "column:");
        return message;
    }

    @Test
    void values_of_the_wrong_type_are_refused_naming_the_field() {
        assertThat(refused(server.post("/api/v1/deployments", "{\"name\": \"fraud\", \"model_uri\": {\"uri\": \"x\"}}")))
                .isEqualTo("Parameter 'model_uri' must be a string");
        assertThat(refused(server.post("/api/v1/deployments",
                "{\"name\": \"fraud\", \"model_uri\": \"models:/iris/1\", \"canary\": \"models:/iris/2\"}")))
                .isEqualTo("Parameter 'canary' must be a JSON object");
        assertThat(refused(server.post("/api/v1/deployments",
                "{\"name\": \"fraud\", \"model_uri\": \"models:/iris/1\", \"canary\": {\"model_uri\": \"models:/iris/2\", \"weight\": 12.5}}")))
                .isEqualTo("Parameter 'canary.weight' must be a whole number");
        assertThat(refused(server.post("/api/v1/deployments",
                "{\"name\": \"fraud\", \"model_uri\": \"models:/iris/1\", \"canary\": {\"model_uri\": \"models:/iris/2\", \"weight\": \"half\"}}")))
                .isEqualTo("Parameter 'canary.weight' must be a whole number");
        assertThat(refused(server.post("/api/v1/deployments", "{\"name\": 5, \"model_uri\": \"models:/iris/1\"}")))
                .isEqualTo("Parameter 'name' must be a string");
        assertThat(server.get("/api/v1/deployments/fraud").status()).isEqualTo(404);
        assertThat(server.get("/api/v1/deployments/5").status()).isEqualTo(404);
    }

    @Test
    void an_unknown_nested_field_is_named_with_its_parent_and_the_known_fields_are_listed() {
        models.deploy("fraud", "models:/iris/1");

        String message = refused(server.patch("/api/v1/deployments/fraud",
                "{\"canary\": {\"model_uri\": \"models:/iris/2\", \"wieght\": 50}}"));

        assertThat(message).isEqualTo("Unknown field [canary.wieght] in the deployment request; known fields: "
                + "[canary.model_uri, canary.weight]");
        assertThat(server.get("/api/v1/deployments/fraud").json().get("deployment").has("canary")).isFalse();
    }

    @Test
    void a_patch_keeps_the_fields_it_does_not_name_and_removes_those_it_sends_as_null() {
        server.post("/api/v1/deployments", "{\"name\": \"fraud\", \"model_uri\": \"models:/iris/1\", \"canary\": "
                + "{\"model_uri\": \"models:/iris/2\", \"weight\": 30}, \"sticky_header\": \"X-User\"}");

        JsonNode kept = server.patch("/api/v1/deployments/fraud", "{\"model_uri\": \"models:/iris/2\"}").json().get("deployment");
        assertThat(kept.get("canary").get("weight").asInt()).isEqualTo(30);
        assertThat(kept.get("sticky_header").asText()).isEqualTo("X-User");

        JsonNode removed = server.patch("/api/v1/deployments/fraud", "{\"canary\": null, \"sticky_header\": null}").json().get("deployment");
        assertThat(removed.has("canary")).isFalse();
        assertThat(removed.has("sticky_header")).isFalse();
        assertThat(removed.get("model_uri").asText()).isEqualTo("models:/iris/2");
    }

    @Test
    void feedback_with_a_request_id_that_is_not_a_string_is_refused() {
        models.deploy("fraud", "models:/iris/1");

        assertThat(refused(server.post("/api/v1/deployments/fraud/feedback", "{\"request_id\": {\"id\": 1}, \"label\": 1}")))
                .isEqualTo("Parameter 'request_id' must be a string");
        assertThat(refused(server.post("/api/v1/deployments/fraud/feedback", "{\"request_id\": \"abc\"}")))
                .isEqualTo("Missing value for required parameter 'label'");
    }
}
