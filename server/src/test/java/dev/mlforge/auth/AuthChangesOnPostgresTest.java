package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.app.Application;
import dev.mlforge.store.WorkspaceContext;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers on one PostgreSQL store, each caching grants, tokens and checked passwords: a grant revoked, a token
 * revoked or a password changed through one server is refused by that server on the very next request, and by the
 * other once it has read the announcement (every {@code cluster.poll-millis}), although it had cached the old answer;
 * so is a workspace member removed through one server.
 */
class AuthChangesOnPostgresTest {
    private static final String MODEL = "/api/2.0/mlflow/registered-models/get?name=shared-model";
    /** How long the other server may take: many poll intervals, for a loaded machine. */
    private static final long PATIENCE_MS = 20_000;

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.postgres().withConfig("auth.mode", "basic")
            .withConfig("auth.default-permission", "NO_PERMISSIONS").withConfig("cluster.poll-millis", "50")
            .withConfig("admin-username", Callers.ADMIN).withConfig("admin-password", Callers.ADMIN_PASSWORD);

    @Test
    void a_revoked_grant_token_or_password_is_refused_on_both_servers() throws Exception {
        Callers one = new Callers(server.http());
        one.createUser("pat", "pat-password");
        String secret = one.as("pat", "pat-password", "POST", "/api/v1/tokens", "{\"name\":\"two\"}").json(201).path("secret").asText();
        String tokenId = one.as("pat", "pat-password", "GET", "/api/v1/tokens", null).json(200).at("/tokens/0/id").asText();
        one.admin("POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"shared-model\"}").ok();
        one.admin("POST", "/api/2.0/mlflow/registered-models/permissions/create",
                "{\"name\":\"shared-model\",\"username\":\"pat\",\"permission\":\"READ\"}").ok();

        try (Application replica = new Application(server.config()).start()) {
            Callers two = new Callers(new TestHttp(replica.baseUrl()));
            // both servers answer, and so cache, the grant, the token and the checked password
            for (Callers callers : new Callers[] {one, two}) {
                assertThat(callers.bearer(secret, "GET", MODEL, null).status()).isEqualTo(200);
                assertThat(callers.as("pat", "pat-password", "GET", MODEL, null).status()).isEqualTo(200);
            }

            one.admin("DELETE", "/api/2.0/mlflow/registered-models/permissions/delete",
                    "{\"name\":\"shared-model\",\"username\":\"pat\"}").ok();
            assertThat(one.bearer(secret, "GET", MODEL, null).status()).isEqualTo(403);
            assertThat(eventually(() -> two.bearer(secret, "GET", MODEL, null).status(), 403)).isEqualTo(403);

            one.admin("POST", "/api/2.0/mlflow/registered-models/permissions/create",
                    "{\"name\":\"shared-model\",\"username\":\"pat\",\"permission\":\"READ\"}").ok();
            assertThat(eventually(() -> two.bearer(secret, "GET", MODEL, null).status(), 200)).isEqualTo(200);

            assertThat(one.bearer(secret, "DELETE", "/api/v1/tokens/" + tokenId, null).status()).isEqualTo(204);
            assertThat(one.bearer(secret, "GET", MODEL, null).status()).isEqualTo(401);
            assertThat(eventually(() -> two.bearer(secret, "GET", MODEL, null).status(), 401)).isEqualTo(401);

            one.admin("PATCH", "/api/2.0/mlflow/users/update-password", "{\"username\":\"pat\",\"password\":\"new-password\"}").ok();
            assertThat(one.as("pat", "pat-password", "GET", MODEL, null).status()).isEqualTo(401);
            assertThat(eventually(() -> two.as("pat", "pat-password", "GET", MODEL, null).status(), 401)).isEqualTo(401);
            assertThat(two.as("pat", "new-password", "GET", MODEL, null).status()).isEqualTo(200);
        }
    }

    @Test
    void a_removed_workspace_member_is_refused_on_both_servers() throws Exception {
        Callers one = new Callers(server.http());
        one.createUser("wes", "wes-password");
        one.admin("POST", "/api/3.0/mlflow/workspaces", "{\"name\":\"pg-members\"}").json(201);
        one.admin("POST", "/api/3.0/mlflow/workspaces/pg-members/permissions",
                "{\"username\":\"wes\",\"permission\":\"READ\"}").ok();
        String search = "/api/2.0/mlflow/experiments/search?max_results=1";

        try (Application replica = new Application(server.config()).start()) {
            TestHttp other = new TestHttp(replica.baseUrl());
            IntSupplier onOne = () -> server.http().send("GET", search, null, null, "Authorization",
                    Callers.basic("wes", "wes-password"), WorkspaceContext.HEADER, "pg-members").status();
            IntSupplier onTwo = () -> other.send("GET", search, null, null, "Authorization",
                    Callers.basic("wes", "wes-password"), WorkspaceContext.HEADER, "pg-members").status();
            // both servers answer, and so cache, the membership
            assertThat(onOne.getAsInt()).isEqualTo(200);
            assertThat(onTwo.getAsInt()).isEqualTo(200);

            one.admin("DELETE", "/api/3.0/mlflow/workspaces/pg-members/permissions?username=wes", null).ok();
            assertThat(onOne.getAsInt()).isEqualTo(403);
            assertThat(eventually(onTwo, 403)).isEqualTo(403);
        }
    }

    /** The status {@code request} answers once it answers {@code expected}, or its last answer after the patience ran out. */
    private static int eventually(IntSupplier request, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_MS * 1_000_000;
        int status = request.getAsInt();
        while (status != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = request.getAsInt();
        }
        return status;
    }
}
