package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Permissions on the platform's own resources, as on experiments: deployments and datasets by name, monitors by id,
 * granted over {@code /api/v1/permissions} by whoever manages the resource; the creator manages what it created;
 * lists keep only what the caller may read. Users hold READ by default (auth.default-permission).
 */
class PlatformPermissionsTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth(Callers.ADMIN, Callers.ADMIN_PASSWORD);

    private static final String CSV = "a,b\n1,2\n3,4\n";
    private static Callers as;

    @BeforeAll
    static void users() {
        as = new Callers(server.http());
        as.createUser("bob", "bob-password");
        as.createUser("carol", "carol-password");
    }

    private static TestHttp.Response bob(String method, String path, Object body) {
        return as.as("bob", "bob-password", method, path, body);
    }

    private static TestHttp.Response carol(String method, String path, Object body) {
        return as.as("carol", "carol-password", method, path, body);
    }

    private static TestHttp.Response csv(String user, String password, String name) {
        return server.http().send("POST", "/api/v1/datasets?name=" + name, "text/csv", CSV, "Authorization",
                Callers.basic(user, password));
    }

    private static String grant(String type, String id, String user, String permission) {
        return "{\"resource_type\":\"" + type + "\",\"resource_id\":\"" + id + "\",\"username\":\"" + user
                + "\",\"permission\":\"" + permission + "\"}";
    }

    private static List<String> names(JsonNode list, String field, String idField) {
        return list.path(field).findValuesAsText(idField);
    }

    @Test
    void datasets_are_read_and_extended_as_their_grants_allow_and_lists_hide_the_rest() {
        assertThat(csv(Callers.ADMIN, Callers.ADMIN_PASSWORD, "ds-shared").status()).isEqualTo(201);
        assertThat(csv(Callers.ADMIN, Callers.ADMIN_PASSWORD, "ds-private").status()).isEqualTo(201);
        as.admin("POST", "/api/v1/permissions", grant("dataset", "ds-private", "bob", "NO_PERMISSIONS")).ok();

        // bob: READ by default, so no new dataset and no version of an owned one, and ds-private is hidden
        assertThat(csv("bob", "bob-password", "ds-bobs").status()).isEqualTo(403);
        assertThat(csv("bob", "bob-password", "ds-shared").status()).isEqualTo(403);
        assertThat(names(bob("GET", "/api/v1/datasets", null).json(200), "datasets", "name"))
                .contains("ds-shared").doesNotContain("ds-private");
        assertThat(bob("GET", "/api/v1/datasets/ds-private/versions", null).errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(bob("GET", "/api/v1/datasets/ds-private/versions/1/content", null).status()).isEqualTo(403);
        assertThat(bob("GET", "/api/v1/datasets/ds-shared/versions/1", null).status()).isEqualTo(200);
        assertThat(names(carol("GET", "/api/v1/datasets", null).json(200), "datasets", "name"))
                .contains("ds-shared", "ds-private");

        // EDIT on the dataset lets bob add a version; granting needs MANAGE, which the admin gives him
        as.admin("POST", "/api/v1/permissions", grant("dataset", "ds-shared", "bob", "EDIT")).ok();
        assertThat(csv("bob", "bob-password", "ds-shared").status()).isEqualTo(201);
        assertThat(bob("POST", "/api/v1/permissions", grant("dataset", "ds-shared", "carol", "NO_PERMISSIONS")).status())
                .isEqualTo(403);
        as.admin("PATCH", "/api/v1/permissions", grant("dataset", "ds-shared", "bob", "MANAGE")).ok();
        JsonNode granted = bob("POST", "/api/v1/permissions", grant("dataset", "ds-shared", "carol", "NO_PERMISSIONS")).json(200);
        assertThat(granted.path("permission").path("permission").asText()).isEqualTo("NO_PERMISSIONS");
        assertThat(names(carol("GET", "/api/v1/datasets", null).json(200), "datasets", "name")).doesNotContain("ds-shared");
        assertThat(bob("GET", "/api/v1/permissions?resource_type=dataset&resource_id=ds-shared&username=carol", null)
                .json(200).path("permission").path("username").asText()).isEqualTo("carol");
        bob("DELETE", "/api/v1/permissions", grant("dataset", "ds-shared", "carol", "READ")).ok();
        assertThat(names(carol("GET", "/api/v1/datasets", null).json(200), "datasets", "name")).contains("ds-shared");
    }

    @Test
    void the_first_registrant_of_a_dataset_manages_it() {
        as.admin("PATCH", "/api/2.0/mlflow/users/update-admin", "{\"username\":\"carol\",\"is_admin\":true}").ok();
        assertThat(csv("carol", "carol-password", "ds-carols").status()).isEqualTo(201);
        as.admin("PATCH", "/api/2.0/mlflow/users/update-admin", "{\"username\":\"carol\",\"is_admin\":false}").ok();
        assertThat(as.admin("GET", "/api/v1/permissions?resource_type=dataset&resource_id=ds-carols&username=carol", null)
                .json(200).path("permission").path("permission").asText()).isEqualTo("MANAGE");
        assertThat(carol("POST", "/api/v1/permissions", grant("dataset", "ds-carols", "bob", "EDIT")).status()).isEqualTo(200);
    }

    @Test
    void deployments_follow_their_grants_on_every_route_and_their_grants_go_with_them() throws Exception {
        new LoggedModels(server).registerModel("perm-iris", java.nio.file.Path.of(PlatformPermissionsTest.class
                .getResource("/serving/models/iris_logreg.onnx").toURI()));
        assertThat(new LoggedModels(server).deploy("perm-iris", "models:/perm-iris/1").status()).isEqualTo(200);
        String one = "/api/v1/deployments/perm-iris";
        as.admin("POST", "/api/v1/permissions", grant("deployment", "perm-iris", "bob", "NO_PERMISSIONS")).ok();
        String row = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[5.1,3.5,1.4,0.2]}]}";

        assertThat(bob("GET", one, null).status()).isEqualTo(403);
        assertThat(bob("POST", one + "/invocations", row).status()).isEqualTo(403);
        assertThat(bob("POST", "/v2/models/perm-iris/infer", row).status()).isEqualTo(403);
        assertThat(bob("GET", "/v2/models/perm-iris/versions/1", null).status()).isEqualTo(403);
        assertThat(bob("GET", one + "/history", null).status()).isEqualTo(403);
        assertThat(names(bob("GET", "/api/v1/deployments", null).json(200), "deployments", "name")).doesNotContain("perm-iris");
        // carol reads by default: she may look and predict, not change or delete
        assertThat(carol("GET", one, null).status()).isEqualTo(200);
        assertThat(carol("POST", "/v2/models/perm-iris/infer", row).status()).isEqualTo(200);
        assertThat(carol("POST", one + "/rollback", "{}").status()).isEqualTo(403);
        assertThat(carol("DELETE", one, null).status()).isEqualTo(403);
        assertThat(names(carol("GET", "/api/v1/deployments", null).json(200), "deployments", "name")).contains("perm-iris");
        as.admin("POST", "/api/v1/permissions", grant("deployment", "perm-iris", "carol", "EDIT")).ok();
        assertThat(carol("DELETE", one, null).status()).isEqualTo(403);
        as.admin("PATCH", "/api/v1/permissions", grant("deployment", "perm-iris", "carol", "MANAGE")).ok();
        assertThat(carol("DELETE", one, null).status()).isEqualTo(200);
        assertThat(as.admin("GET", "/api/v1/permissions?resource_type=deployment&resource_id=perm-iris&username=bob", null)
                .status()).isEqualTo(404);
    }

    @Test
    void monitors_follow_their_grants_and_their_creator_manages_them() {
        String body = "{\"deployment\": \"perm-mon\", \"reference\": {\"run_id\": \"0123456789abcdef0123456789abcdef\","
                + " \"artifact_path\": \"ref.csv\"}, \"window\": {\"span_seconds\": 3600}}";
        assertThat(carol("POST", "/api/v1/monitors", body).status()).isEqualTo(403);
        String id = as.admin("POST", "/api/v1/monitors", body).json(200).at("/monitor/id").asText();
        assertThat(as.admin("GET", "/api/v1/permissions?resource_type=monitor&resource_id=" + id + "&username=" + Callers.ADMIN,
                null).json(200).at("/permission/permission").asText()).isEqualTo("MANAGE");
        as.admin("POST", "/api/v1/permissions", grant("monitor", id, "bob", "NO_PERMISSIONS")).ok();

        assertThat(bob("GET", "/api/v1/monitors/" + id, null).status()).isEqualTo(403);
        assertThat(bob("GET", "/api/v1/monitors/" + id + "/results", null).status()).isEqualTo(403);
        assertThat(names(bob("GET", "/api/v1/monitors", null).json(200), "monitors", "id")).doesNotContain(id);
        assertThat(carol("GET", "/api/v1/monitors/" + id, null).status()).isEqualTo(200);
        assertThat(names(carol("GET", "/api/v1/monitors", null).json(200), "monitors", "id")).contains(id);
        assertThat(carol("DELETE", "/api/v1/monitors/" + id, null).status()).isEqualTo(403);
        as.admin("POST", "/api/v1/permissions", grant("monitor", id, "carol", "MANAGE")).ok();
        assertThat(carol("DELETE", "/api/v1/monitors/" + id, null).status()).isEqualTo(200);
    }

    @Test
    void the_permission_routes_answer_bad_input_with_structured_errors() {
        csv(Callers.ADMIN, Callers.ADMIN_PASSWORD, "ds-errors");
        assertThat(as.admin("POST", "/api/v1/permissions", grant("notebook", "x", "bob", "READ")).errorCode())
                .isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(as.admin("POST", "/api/v1/permissions", "{\"resource_type\":\"dataset\",\"resource_id\":\"ds-errors\"}")
                .errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(as.admin("POST", "/api/v1/permissions", grant("dataset", "ds-errors", "nobody", "READ")).status()).isEqualTo(404);
        assertThat(as.admin("POST", "/api/v1/permissions", grant("dataset", "ds-errors", "bob", "ALL")).status()).isEqualTo(400);
        as.admin("POST", "/api/v1/permissions", grant("dataset", "ds-errors", "bob", "READ")).ok();
        assertThat(as.admin("POST", "/api/v1/permissions", grant("dataset", "ds-errors", "bob", "READ")).errorCode())
                .isEqualTo("RESOURCE_ALREADY_EXISTS");
        assertThat(as.admin("PATCH", "/api/v1/permissions", grant("dataset", "ds-none", "bob", "READ")).status()).isEqualTo(404);
        assertThat(bob("POST", "/api/v1/permissions", grant("notebook", "x", "bob", "READ")).status()).isEqualTo(400);
        // (server.http() sends the admin's credentials unless told otherwise: wrong ones stand for a stranger)
        TestHttp.Response anonymous = as.as("carol", "wrong-password", "POST", "/api/v1/permissions",
                grant("dataset", "ds-errors", "carol", "READ"));
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
    }
}
