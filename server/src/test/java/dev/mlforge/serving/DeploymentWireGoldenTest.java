package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.serving.CanarySpec;
import dev.mlforge.api.serving.CreateDeploymentRequest;
import dev.mlforge.api.serving.DeploymentHistory;
import dev.mlforge.api.serving.DeploymentResponse;
import dev.mlforge.api.serving.EmptyDeploymentResponse;
import dev.mlforge.api.serving.FeedbackRequest;
import dev.mlforge.api.serving.ListDeploymentsResponse;
import dev.mlforge.api.serving.ShadowSpec;
import dev.mlforge.api.serving.UpdateDeploymentRequest;
import dev.mlforge.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deployment API's wire records against committed golden files (src/test/resources/golden/serving/): built from
 * serving's domain records where the server builds them, serialized through the one mapper, compared field by field
 * and in order, then read back into an equal record.
 */
class DeploymentWireGoldenTest {
    private static final Instant CREATED = Instant.ofEpochMilli(1764720000000L);
    private static final Instant UPDATED = Instant.ofEpochMilli(1764723600000L);

    @Test
    void a_deployment_with_canary_shadow_sticky_header_history_and_error_matches_its_golden_file() {
        Deployment deployment = new Deployment("fraud",
                new TrafficPolicy("models:/fraud/3", "models:/fraud/4", 10, "models:/fraud@challenger", "X-User"),
                List.of(new TrafficPolicy("models:/fraud/2", null, 0, null, null)), CREATED, UPDATED);
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("primary", "3");
        versions.put("canary", "4");
        DeploymentStatus status = new DeploymentStatus(deployment, false, versions,
                "Model models:/fraud@challenger does not exist");

        assertRoundTrip("deployment_response.json", DeploymentWire.response(status), DeploymentResponse.class);
    }

    @Test
    void a_list_of_deployments_matches_its_golden_file_and_an_empty_list_is_an_empty_object() {
        DeploymentStatus churn = new DeploymentStatus(new Deployment("churn",
                new TrafficPolicy("models:/churn@champion", null, 0, null, null), List.of(), CREATED, CREATED), true,
                Map.of("primary", "7"), null);
        DeploymentStatus fraud = new DeploymentStatus(new Deployment("fraud",
                new TrafficPolicy("models:/fraud/3", null, 0, null, null), List.of(), CREATED, CREATED), false, Map.of(), null);

        assertRoundTrip("list_deployments_response.json", DeploymentWire.list(List.of(churn, fraud)),
                ListDeploymentsResponse.class);
        assertRoundTrip("list_deployments_response_empty.json", DeploymentWire.list(List.of()), ListDeploymentsResponse.class);
    }

    @Test
    void a_history_lists_the_current_policy_then_the_earlier_ones_newest_first() {
        Deployment deployment = new Deployment("fraud", new TrafficPolicy("models:/fraud/3", "models:/fraud/4", 10, null, null),
                List.of(new TrafficPolicy("models:/fraud/2", null, 0, null, "X-User"),
                        new TrafficPolicy("models:/fraud/1", null, 0, "models:/fraud/2", null)), CREATED, UPDATED);
        Deployment fresh = new Deployment("fraud", new TrafficPolicy("models:/fraud/1", null, 0, null, null), List.of(),
                CREATED, CREATED);

        assertRoundTrip("deployment_history.json", DeploymentWire.history(deployment), DeploymentHistory.class);
        assertRoundTrip("deployment_history_new.json", DeploymentWire.history(fresh), DeploymentHistory.class);
    }

    @Test
    void the_request_bodies_match_their_golden_files_and_read_back_into_the_domain_policy() {
        CreateDeploymentRequest create = new CreateDeploymentRequest("fraud", "models:/fraud/3",
                new CanarySpec("models:/fraud/4", 25), new ShadowSpec("models:/fraud@challenger"), "X-User");
        assertRoundTrip("create_deployment_request.json", create, CreateDeploymentRequest.class);
        assertThat(DeploymentWire.policy(create)).isEqualTo(
                new TrafficPolicy("models:/fraud/3", "models:/fraud/4", 25, "models:/fraud@challenger", "X-User"));

        UpdateDeploymentRequest update = new UpdateDeploymentRequest(null, new CanarySpec("models:/fraud/4", 50), null,
                "X-Session");
        assertRoundTrip("update_deployment_request.json", update, UpdateDeploymentRequest.class);
        TrafficPolicy current = new TrafficPolicy("models:/fraud/3", null, 0, "models:/fraud/9", null);
        assertThat(DeploymentWire.policy(update, new PolicyJson.Changes(false, true, false, true, false), current)).isEqualTo(
                new TrafficPolicy("models:/fraud/3", "models:/fraud/4", 50, "models:/fraud/9", "X-Session"));

        assertRoundTrip("feedback_request.json", new FeedbackRequest("3f1c2a9e-7b1d-4c55-9a0e-1d2b3c4d5e6f",
                List.of("setosa", 1, 0.25, true)), FeedbackRequest.class);
        assertRoundTrip("empty_deployment_response.json", new EmptyDeploymentResponse(), EmptyDeploymentResponse.class);
    }

    @Test
    void a_stored_policy_reads_back_as_written_and_the_older_single_object_form_still_reads() {
        TrafficPolicy full = new TrafficPolicy("models:/fraud/3", "models:/fraud/4", 10, "models:/fraud/5", "X-User");
        TrafficPolicy plain = new TrafficPolicy("models:/fraud/2", null, 0, null, null);

        assertThat(PolicyJson.read(PolicyJson.write(full))).isEqualTo(full);
        assertThat(PolicyJson.readAll(PolicyJson.writeAll(List.of(full, plain)))).containsExactly(full, plain);
        assertThat(PolicyJson.readAll(PolicyJson.write(plain))).containsExactly(plain);
        assertThat(PolicyJson.writeAll(List.of())).isNull();
    }

    private static <T> void assertRoundTrip(String golden, T value, Class<T> type) {
        try {
            String expected = pretty(Json.mapper().readTree(golden(golden)));
            String actual = pretty(Json.mapper().valueToTree(value));
            assertThat(actual).as("serialized %s against golden/serving/%s", type.getSimpleName(), golden).isEqualTo(expected);
            assertThat(Json.mapper().readValue(expected, type)).as("golden/serving/%s read back", golden).isEqualTo(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String pretty(JsonNode node) throws IOException {
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = DeploymentWireGoldenTest.class.getResourceAsStream("/golden/serving/" + name)) {
            if (in == null) {
                throw new AssertionError("No golden file golden/serving/" + name);
            }
            return in.readAllBytes();
        }
    }
}
