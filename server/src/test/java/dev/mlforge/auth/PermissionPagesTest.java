package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.store.WorkspaceContext;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Searches keep in SQL only what the caller may read, so pages are full and next tokens right. With
 * {@code auth.default-permission=NO_PERMISSIONS}, nina holds READ on 3 of 10 experiments and registered models of the
 * default workspace; in workspace {@code team}, where she is a READ member, NO_PERMISSIONS grants hide 7 of 10. Read 2 at
 * a time, each search answers pages of 2 and 1 holding every readable one exactly once; the administrator pages
 * through all of them.
 */
class PermissionPagesTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("auth.mode", "basic")
            .withConfig("auth.default-permission", "NO_PERMISSIONS")
            .withConfig("admin-username", Callers.ADMIN).withConfig("admin-password", Callers.ADMIN_PASSWORD);

    private static final String NINA = "nina";
    private static final String NINA_PASSWORD = "nina-password-1";
    private static final Set<Integer> ALLOWED = Set.of(1, 5, 8);

    @BeforeAll
    static void ten_of_each_three_readable() {
        Callers as = new Callers(server.http());
        as.createUser(NINA, NINA_PASSWORD);
        as.admin("POST", "/api/3.0/mlflow/workspaces", "{\"name\":\"team\"}").json(201);
        admin("team", "POST", "/api/3.0/mlflow/workspaces/team/permissions",
                "{\"username\":\"nina\",\"permission\":\"READ\"}").ok();
        for (int i = 0; i < 10; i++) {
            for (String workspace : new String[] {WorkspaceContext.DEFAULT, "team"}) {
                String name = "pp-" + i;
                String experiment = admin(workspace, "POST", "/api/2.0/mlflow/experiments/create",
                        "{\"name\":\"" + name + "\"}").json(200).path("experiment_id").asText();
                admin(workspace, "POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"" + name + "\"}").ok();
                admin(workspace, "POST", "/api/2.0/mlflow/model-versions/create", "{\"name\":\"" + name
                        + "\",\"source\":\"s3://b/m\"}").ok();
                // the default workspace opens 3 by READ grants; team (READ membership) hides 7 by NO_PERMISSIONS grants
                String permission = workspace.equals("team") ? "NO_PERMISSIONS" : "READ";
                if (workspace.equals("team") != ALLOWED.contains(i)) {
                    admin(workspace, "POST", "/api/2.0/mlflow/experiments/permissions/create", "{\"experiment_id\":\""
                            + experiment + "\",\"username\":\"nina\",\"permission\":\"" + permission + "\"}").ok();
                    admin(workspace, "POST", "/api/2.0/mlflow/registered-models/permissions/create", "{\"name\":\"" + name
                            + "\",\"username\":\"nina\",\"permission\":\"" + permission + "\"}").ok();
                }
            }
        }
    }

    private static TestHttp.Response admin(String workspace, String method, String path, String body) {
        return send(Callers.ADMIN, Callers.ADMIN_PASSWORD, workspace, method, path, body);
    }

    private static TestHttp.Response send(String user, String password, String workspace, String method, String path,
            String body) {
        return server.http().send(method, path, body == null ? null : "application/json", body,
                "Authorization", Callers.basic(user, password), WorkspaceContext.HEADER, workspace);
    }

    @Test
    void experiment_pages_of_a_reader_by_grants_are_full() {
        assertReaderPages(WorkspaceContext.DEFAULT, "experiments", "/api/2.0/mlflow/experiments/search");
    }

    @Test
    void registered_model_pages_of_a_reader_by_grants_are_full() {
        assertReaderPages(WorkspaceContext.DEFAULT, "registered_models", "/api/2.0/mlflow/registered-models/search");
    }

    @Test
    void model_version_pages_of_a_reader_by_grants_are_full() {
        assertReaderPages(WorkspaceContext.DEFAULT, "model_versions", "/api/2.0/mlflow/model-versions/search");
    }

    @Test
    void experiment_pages_of_a_workspace_member_without_some_grants_are_full() {
        assertReaderPages("team", "experiments", "/api/2.0/mlflow/experiments/search");
    }

    @Test
    void registered_model_pages_of_a_workspace_member_without_some_grants_are_full() {
        assertReaderPages("team", "registered_models", "/api/2.0/mlflow/registered-models/search");
    }

    @Test
    void the_administrator_pages_through_all() {
        Pages pages = pages(Callers.ADMIN, Callers.ADMIN_PASSWORD, "team", "experiments", "/api/2.0/mlflow/experiments/search");
        assertThat(pages.sizes()).containsExactly(2, 2, 2, 2, 2);
        assertThat(pages.names()).hasSize(10).doesNotHaveDuplicates();
    }

    private static void assertReaderPages(String workspace, String field, String path) {
        Pages pages = pages(NINA, NINA_PASSWORD, workspace, field, path);
        assertThat(pages.sizes()).containsExactly(2, 1);
        assertThat(pages.names()).containsExactlyInAnyOrderElementsOf(ALLOWED.stream().map(i -> "pp-" + i).toList());
    }

    private record Pages(List<Integer> sizes, List<String> names) {}

    private static Pages pages(String user, String password, String workspace, String field, String path) {
        List<Integer> sizes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String body = "{\"max_results\":2,\"filter\":\"name LIKE 'pp-%'\""
                    + (token == null ? "" : ",\"page_token\":\"" + token + "\"") + "}";
            JsonNode page = send(user, password, workspace, "POST", path, body).json(200);
            sizes.add(page.path(field).size());
            page.path(field).forEach(item -> names.add(item.path("name").asText()));
            token = page.path("next_page_token").asText("");
        } while (!token.isEmpty() && sizes.size() < 12);
        return new Pages(sizes, names);
    }
}
