package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The V11 tables and their SQL on PostgreSQL: users, tokens, grants, a renamed and a deleted model, a deleted user. */
class AuthOnPostgresTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.postgres().withConfig("auth.mode", "basic")
            .withConfig("auth.default-permission", "NO_PERMISSIONS")
            .withConfig("admin-username", Callers.ADMIN).withConfig("admin-password", Callers.ADMIN_PASSWORD);

    @Test
    void users_tokens_and_grants_work_on_postgresql() {
        Callers as = new Callers(server.http());
        as.createUser("pat", "pat-password");
        String secret = as.as("pat", "pat-password", "POST", "/api/v1/tokens", "{\"name\":\"pg\"}").json(201)
                .path("secret").asText();
        as.admin("POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"pg-model\"}").ok();
        assertThat(as.bearer(secret, "GET", "/api/2.0/mlflow/registered-models/get?name=pg-model", null).status())
                .isEqualTo(403);

        as.admin("POST", "/api/2.0/mlflow/registered-models/permissions/create",
                "{\"name\":\"pg-model\",\"username\":\"pat\",\"permission\":\"EDIT\"}").ok();
        assertThat(as.bearer(secret, "GET", "/api/2.0/mlflow/registered-models/get?name=pg-model", null).status())
                .isEqualTo(200);

        as.bearer(secret, "POST", "/api/2.0/mlflow/registered-models/rename", "{\"name\":\"pg-model\",\"new_name\":\"pg-renamed\"}")
                .ok();
        assertThat(as.admin("GET", "/api/2.0/mlflow/registered-models/permissions/get?name=pg-renamed&username=pat", null)
                .json(200).path("registered_model_permission").path("permission").asText()).isEqualTo("EDIT");

        as.admin("DELETE", "/api/2.0/mlflow/users/delete", "{\"username\":\"pat\"}").ok();
        assertThat(as.bearer(secret, "GET", "/api/2.0/mlflow/registered-models/get?name=pg-renamed", null).status())
                .isEqualTo(401);
        long tokens = server.application().database().read(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM auth_api_tokens").mapTo(Long.class).one());
        assertThat(tokens).isZero();
    }
}
