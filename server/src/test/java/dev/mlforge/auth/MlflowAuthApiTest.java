package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MLflow's auth API answers as MLflow's basic-auth app does: the sequence below was run against MLflow 3.11's app
 * ({@code mlflow/server/auth}) and its answers are the golden files under {@code golden/auth/} (steps its experiment
 * layer could not run there are written from its handlers and entities). Where MLflow answers plain text (401, 403,
 * empty password) mlforge answers its JSON error with the same status; error messages drop MLflow's SQL tail.
 */
class MlflowAuthApiTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("auth.mode", "basic")
            .withConfig("admin-username", "admin").withConfig("admin-password", "password1234");

    private static final String ALICE = "alice-password-1";

    @Test
    void the_users_and_permissions_api_answers_as_mlflow() throws Exception {
        Callers as = new Callers(server.http());
        String admin = "password1234";
        step("01_create_user", as.as("admin", admin, "POST", "/api/2.0/mlflow/users/create",
                "{\"username\":\"alice\",\"password\":\"alice-password-1\"}"));
        step("02_create_user_again", as.as("admin", admin, "POST", "/api/2.0/mlflow/users/create",
                "{\"username\":\"alice\",\"password\":\"alice-password-1\"}"));
        step("03_get_user", as.as("admin", admin, "GET", "/api/2.0/mlflow/users/get?username=alice", null));
        step("04_get_missing_user", as.as("admin", admin, "GET", "/api/2.0/mlflow/users/get?username=nobody", null));
        step("05_create_experiment", as.as("alice", ALICE, "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"alice-exp\"}"));
        step("06_get_user_with_grant", as.as("admin", admin, "GET", "/api/2.0/mlflow/users/get?username=alice", null));
        step("07_create_bob", as.as("admin", admin, "POST", "/api/2.0/mlflow/users/create",
                "{\"username\":\"bob\",\"password\":\"bob-password-1\"}"));
        step("08_create_experiment_permission", as.as("alice", ALICE, "POST", "/api/2.0/mlflow/experiments/permissions/create",
                "{\"experiment_id\":\"1\",\"username\":\"bob\",\"permission\":\"READ\"}"));
        step("09_get_experiment_permission", as.as("alice", ALICE, "GET",
                "/api/2.0/mlflow/experiments/permissions/get?experiment_id=1&username=bob", null));
        step("10_update_experiment_permission", as.as("alice", ALICE, "PATCH", "/api/2.0/mlflow/experiments/permissions/update",
                "{\"experiment_id\":\"1\",\"username\":\"bob\",\"permission\":\"EDIT\"}"));
        step("11_delete_experiment_permission", as.as("alice", ALICE, "DELETE", "/api/2.0/mlflow/experiments/permissions/delete",
                "{\"experiment_id\":\"1\",\"username\":\"bob\"}"));
        step("12_get_deleted_experiment_permission", as.as("alice", ALICE, "GET",
                "/api/2.0/mlflow/experiments/permissions/get?experiment_id=1&username=bob", null));
        step("13_invalid_permission", as.as("alice", ALICE, "POST", "/api/2.0/mlflow/experiments/permissions/create",
                "{\"experiment_id\":\"1\",\"username\":\"bob\",\"permission\":\"WRITE\"}"));
        step("14_create_registered_model", as.as("alice", ALICE, "POST", "/api/2.0/mlflow/registered-models/create",
                "{\"name\":\"alice-model\"}"));
        step("15_create_model_permission", as.as("alice", ALICE, "POST", "/api/2.0/mlflow/registered-models/permissions/create",
                "{\"name\":\"alice-model\",\"username\":\"bob\",\"permission\":\"READ\"}"));
        step("16_get_model_permission", as.as("alice", ALICE, "GET",
                "/api/2.0/mlflow/registered-models/permissions/get?name=alice-model&username=bob", null));
        step("17_bob_manages_nothing", as.as("bob", "bob-password-1", "POST", "/api/2.0/mlflow/experiments/permissions/create",
                "{\"experiment_id\":\"1\",\"username\":\"bob\",\"permission\":\"MANAGE\"}"));
        step("18_bob_reads_alice", as.as("bob", "bob-password-1", "GET", "/api/2.0/mlflow/users/get?username=alice", null));
        step("19_wrong_password", as.as("alice", "wrong", "GET", "/api/2.0/mlflow/experiments/get?experiment_id=1", null));
        step("20_update_admin", as.as("admin", admin, "PATCH", "/api/2.0/mlflow/users/update-admin",
                "{\"username\":\"bob\",\"is_admin\":true}"));
        step("21_update_password", as.as("admin", admin, "PATCH", "/api/2.0/mlflow/users/update-password",
                "{\"username\":\"bob\",\"password\":\"bob-password-2\"}"));
        step("22_delete_user", as.as("admin", admin, "DELETE", "/api/2.0/mlflow/users/delete", "{\"username\":\"bob\"}"));
        step("23_create_user_empty_password", as.as("admin", admin, "POST", "/api/2.0/mlflow/users/create",
                "{\"username\":\"carol\",\"password\":\"\"}"));
    }

    @Test
    void a_wrong_password_is_answered_with_a_basic_challenge() {
        TestHttp.Response refused = new Callers(server.http()).as("admin", "not-the-password", "GET",
                "/api/2.0/mlflow/experiments/search?max_results=1", null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(refused.header("WWW-Authenticate")).contains("Basic realm=\"mlforge\"");
    }

    private static void step(String name, TestHttp.Response response) throws IOException {
        JsonNode golden = golden(name);
        assertThat(response.status()).as("%s status (%s)", name, response.body()).isEqualTo(golden.path("status").asInt());
        if (golden.has("body")) {
            assertThat(response.json()).as("%s body", name).isEqualTo(golden.path("body"));
        } else if (response.status() >= 400) {
            assertThat(response.errorCode()).as("%s error code", name)
                    .isEqualTo(switch (response.status()) {
                        case 401 -> "UNAUTHENTICATED";
                        case 403 -> "PERMISSION_DENIED";
                        default -> "INVALID_PARAMETER_VALUE";
                    });
        }
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = MlflowAuthApiTest.class.getResourceAsStream("/golden/auth/" + name + ".json")) {
            assertThat(in).as("golden file golden/auth/%s.json", name).isNotNull();
            return Json.mapper().readTree(in);
        }
    }
}
