package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The answer schemas of MLflow's auth routes (users, experiment and registered model permissions) are what the
 * handlers write, on a server that authenticates: {@link AnswerSchemas} checks every field of each answer of an
 * administrator's session against the documented record.
 */
class OpenApiAuthAnswersTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth("admin", "password1234");

    private static final String MLFLOW = "/api/2.0/mlflow/";

    @Test
    void the_answers_of_an_auth_session_have_only_documented_fields() {
        AnswerSchemas answers = new AnswerSchemas(server.http());
        answers.call("POST", MLFLOW + "users/create", Map.of("username", "alice", "password", "alice-password-1"));
        String experiment = answers.call("POST", MLFLOW + "experiments/create", Map.of("name", "auth-answers"))
                .path("experiment_id").asText();
        answers.call("POST", MLFLOW + "registered-models/create", Map.of("name", "auth-answers"));
        answers.call("POST", MLFLOW + "experiments/permissions/create", Map.of("experiment_id", experiment,
                "username", "alice", "permission", "READ"));
        answers.call("POST", MLFLOW + "registered-models/permissions/create", Map.of("name", "auth-answers",
                "username", "alice", "permission", "READ"));
        answers.call("GET", MLFLOW + "experiments/permissions/get?experiment_id=" + experiment + "&username=alice", null);
        answers.call("GET", MLFLOW + "registered-models/permissions/get?name=auth-answers&username=alice", null);
        answers.call("PATCH", MLFLOW + "experiments/permissions/update", Map.of("experiment_id", experiment,
                "username", "alice", "permission", "EDIT"));
        answers.call("GET", MLFLOW + "users/get?username=alice", null);
        answers.call("GET", MLFLOW + "users/current", null);
        answers.call("PATCH", MLFLOW + "users/update-admin", Map.of("username", "alice", "is_admin", false));
        answers.call("PATCH", MLFLOW + "users/update-password", Map.of("username", "alice", "password", "alice-password-2"));
        answers.call("DELETE", MLFLOW + "registered-models/permissions/delete", Map.of("name", "auth-answers",
                "username", "alice"));
        answers.call("DELETE", MLFLOW + "users/delete", Map.of("username", "alice"));

        assertThat(answers.failures()).isEmpty();
        assertThat(answers.checked()).containsAll(List.of("POST /api/2.0/mlflow/users/create",
                "GET /api/2.0/mlflow/users/get", "GET /api/2.0/mlflow/users/current",
                "POST /api/2.0/mlflow/experiments/permissions/create",
                "GET /api/2.0/mlflow/registered-models/permissions/get"));
    }
}
