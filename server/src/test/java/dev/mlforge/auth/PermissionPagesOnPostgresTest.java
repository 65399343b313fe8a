package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The searches' permission condition on PostgreSQL (experiment ids are numbers there, grants name them as text): a
 * reader of 2 of 5 experiments and registered models gets both, one per page, and a token only after the first.
 */
class PermissionPagesOnPostgresTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.postgres().withConfig("auth.mode", "basic")
            .withConfig("auth.default-permission", "NO_PERMISSIONS")
            .withConfig("admin-username", Callers.ADMIN).withConfig("admin-password", Callers.ADMIN_PASSWORD);

    @Test
    void a_reader_of_two_of_five_gets_full_pages() {
        Callers as = new Callers(server.http());
        as.createUser("rae", "rae-password");
        for (int i = 0; i < 5; i++) {
            String experiment = as.admin("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"pg-pp-" + i + "\"}")
                    .json(200).path("experiment_id").asText();
            as.admin("POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"pg-pp-" + i + "\"}").ok();
            if (i == 1 || i == 3) {
                as.admin("POST", "/api/2.0/mlflow/experiments/permissions/create", "{\"experiment_id\":\"" + experiment
                        + "\",\"username\":\"rae\",\"permission\":\"READ\"}").ok();
                as.admin("POST", "/api/2.0/mlflow/registered-models/permissions/create", "{\"name\":\"pg-pp-" + i
                        + "\",\"username\":\"rae\",\"permission\":\"READ\"}").ok();
            }
        }
        for (String[] search : new String[][] {{"/api/2.0/mlflow/experiments/search", "experiments"},
                {"/api/2.0/mlflow/registered-models/search", "registered_models"}}) {
            List<Integer> sizes = new ArrayList<>();
            List<String> names = new ArrayList<>();
            String token = "";
            do {
                JsonNode page = as.as("rae", "rae-password", "POST", search[0], "{\"max_results\":1,\"filter\":\"name LIKE 'pg-pp-%'\""
                        + (token.isEmpty() ? "" : ",\"page_token\":\"" + token + "\"") + "}").json(200);
                sizes.add(page.path(search[1]).size());
                page.path(search[1]).forEach(item -> names.add(item.path("name").asText()));
                token = page.path("next_page_token").asText("");
            } while (!token.isEmpty() && sizes.size() < 8);
            assertThat(sizes).as(search[0]).containsExactly(1, 1);
            assertThat(names).as(search[0]).containsExactlyInAnyOrder("pg-pp-1", "pg-pp-3");
        }
    }
}
