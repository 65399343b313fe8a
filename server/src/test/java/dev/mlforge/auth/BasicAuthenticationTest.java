package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.config.ConfigException;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Basic mode: users of the store with Argon2id passwords; no default password; credentials are really checked. */
class BasicAuthenticationTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().startOnFirstUse().withConfig("auth.mode", "basic");

    private Callers started() {
        server.withConfig("admin-username", Callers.ADMIN).withConfig("admin-password", Callers.ADMIN_PASSWORD);
        return new Callers(server.http());
    }

    @Test
    void basic_mode_without_users_and_without_admin_settings_refuses_to_start() {
        assertThatThrownBy(server::application).isInstanceOf(ConfigException.class)
                .hasMessageContaining("MLFORGE_ADMIN_USERNAME").hasMessageContaining("no default password");
    }

    @Test
    void the_first_admin_is_created_and_signs_in() {
        Callers as = started();

        assertThat(as.admin("GET", "/api/2.0/mlflow/users/current", null).json(200).path("user").path("is_admin").asBoolean())
                .isTrue();
    }

    @Test
    void the_password_is_stored_as_an_argon2id_hash_only() {
        started();

        String stored = server.application().database().read(handle -> handle.createQuery(
                "SELECT password_hash FROM auth_users WHERE username = 'admin'").mapTo(String.class).one());
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(Callers.ADMIN_PASSWORD);
    }

    @Test
    void missing_credentials_are_refused_on_every_route_but_the_public_ones() {
        Callers as = started();

        TestHttp.Response refused = as.anonymous("GET", "/api/2.0/mlflow/experiments/search?max_results=1", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).contains("Basic realm=\"mlforge\"");
        assertThat(as.anonymous("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"x\"}").status()).isEqualTo(401);
        assertThat(as.anonymous("GET", "/health", null).status()).isEqualTo(200);
    }

    @Test
    void a_wrong_password_and_an_unknown_user_are_refused_even_on_public_routes_they_name() {
        Callers as = started();

        assertThat(as.as(Callers.ADMIN, "wrong", "GET", "/api/2.0/mlflow/experiments/search?max_results=1", null).status())
                .isEqualTo(401);
        assertThat(as.as("mallory", Callers.ADMIN_PASSWORD, "GET", "/api/2.0/mlflow/experiments/search?max_results=1", null)
                .status()).isEqualTo(401);
    }

    @Test
    void a_changed_password_replaces_the_old_one_at_once_despite_the_credential_cache() {
        Callers as = started();
        as.createUser("alice", "first-password");
        assertThat(as.as("alice", "first-password", "GET", "/api/2.0/mlflow/experiments/search", null).status()).isEqualTo(200);

        as.as("alice", "first-password", "PATCH", "/api/2.0/mlflow/users/update-password",
                "{\"username\":\"alice\",\"password\":\"second-password\",\"current_password\":\"first-password\"}").ok();

        assertThat(as.as("alice", "first-password", "GET", "/api/2.0/mlflow/experiments/search", null).status()).isEqualTo(401);
        assertThat(as.as("alice", "second-password", "GET", "/api/2.0/mlflow/experiments/search", null).status()).isEqualTo(200);
    }

    @Test
    void changing_ones_own_password_needs_the_current_one() {
        Callers as = started();
        as.createUser("alice", "first-password");

        TestHttp.Response refused = as.as("alice", "first-password", "PATCH", "/api/2.0/mlflow/users/update-password",
                "{\"username\":\"alice\",\"password\":\"second-password\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(as.as("alice", "first-password", "GET", "/api/2.0/mlflow/experiments/search", null).status()).isEqualTo(200);
    }

    @Test
    void a_deleted_user_is_refused_at_once() {
        Callers as = started();
        as.createUser("alice", "first-password");
        assertThat(as.as("alice", "first-password", "GET", "/api/2.0/mlflow/experiments/search", null).status()).isEqualTo(200);

        as.admin("DELETE", "/api/2.0/mlflow/users/delete", "{\"username\":\"alice\"}").ok();

        assertThat(as.as("alice", "first-password", "GET", "/api/2.0/mlflow/experiments/search", null).status()).isEqualTo(401);
    }

    @Test
    void a_user_may_not_create_users_or_make_themselves_admin() {
        Callers as = started();
        as.createUser("alice", "first-password");

        assertThat(as.as("alice", "first-password", "POST", "/api/2.0/mlflow/users/create",
                "{\"username\":\"eve\",\"password\":\"x\"}").status()).isEqualTo(403);
        assertThat(as.as("alice", "first-password", "PATCH", "/api/2.0/mlflow/users/update-admin",
                "{\"username\":\"alice\",\"is_admin\":true}").status()).isEqualTo(403);
        assertThat(as.as("alice", "first-password", "PATCH", "/api/2.0/mlflow/users/update-password",
                "{\"username\":\"admin\",\"password\":\"taken-over\"}").status()).isEqualTo(403);
        assertThat(as.admin("GET", "/api/2.0/mlflow/experiments/search", null).status()).isEqualTo(200);
    }

    @Test
    void the_admin_settings_create_the_administrator_once_and_never_reset_its_password() {
        Callers as = started();
        as.admin("PATCH", "/api/2.0/mlflow/users/update-password", "{\"username\":\"admin\",\"password\":\"rotated\","
                + "\"current_password\":\"" + Callers.ADMIN_PASSWORD + "\"}").ok();

        server.restart();

        Callers restarted = new Callers(server.http());
        assertThat(restarted.admin("GET", "/api/2.0/mlflow/users/current", null).status()).isEqualTo(401);
        assertThat(restarted.as(Callers.ADMIN, "rotated", "GET", "/api/2.0/mlflow/users/current", null).status()).isEqualTo(200);
    }
}
