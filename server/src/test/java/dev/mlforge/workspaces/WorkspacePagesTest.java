package dev.mlforge.workspaces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Searches keep the workspace condition in their SQL, so pages are full and next tokens right: 3 items of the
 * request's workspace created interleaved among 50 of another workspace, read 2 at a time, come as pages of 2 and 1,
 * the first with a token and the last without.
 */
class WorkspacePagesTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();

    private static String mineExperiment;


    @BeforeAll
    static void three_of_mine_among_fifty_of_theirs() {
        for (String workspace : new String[] {"mine", "theirs"}) {
            server.http().post("/api/3.0/mlflow/workspaces", "{\"name\":\"" + workspace + "\"}").json(201);
        }
        mineExperiment = server.http().in("mine", "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"runs-here\"}").json(200)
                .path("experiment_id").asText();
        String theirsExperiment = server.http().in("theirs", "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"runs-there\"}")
                .json(200).path("experiment_id").asText();
        int mine = 0;
        for (int i = 0; i < 53; i++) {
            boolean ours = i % 17 == 8 && mine < 3;
            String workspace = ours ? "mine" : "theirs";
            String suffix = ours ? "mine-" + mine++ : "theirs-" + i;
            server.http().in(workspace, "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"page-" + suffix + "\"}").json(200);
            server.http().in(workspace, "POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"page-" + suffix + "\"}").json(200);
            server.http().in(workspace, "POST", "/api/2.0/mlflow/model-versions/create", "{\"name\":\"page-" + suffix
                    + "\",\"source\":\"s3://b/m\"}").ok();
            server.http().in(workspace, "POST", "/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"" + (ours ? mineExperiment : theirsExperiment)
                    + "\",\"run_name\":\"page-" + suffix + "\"}").json(200);
        }
        assertThat(mine).isEqualTo(3);
    }

    @Test
    void experiment_pages_are_full() {
        assertPages("experiments", "/api/2.0/mlflow/experiments/search", NAMED_PAGES, "name");
    }

    @Test
    void registered_model_pages_are_full() {
        assertPages("registered_models", "/api/2.0/mlflow/registered-models/search", NAMED_PAGES, "name");
    }

    @Test
    void model_version_pages_are_full() {
        assertPages("model_versions", "/api/2.0/mlflow/model-versions/search", NAMED_PAGES, "name");
    }

    @Test
    void run_pages_are_full() {
        assertPages("runs", "/api/2.0/mlflow/runs/search", "{\"max_results\":2,\"experiment_ids\":[\"" + mineExperiment
                + "\"]", "info");
    }

    /** A search body without its closing brace: the page token is appended. */
    private static final String NAMED_PAGES = "{\"max_results\":2,\"filter\":\"name LIKE 'page-%'\"";

    private static void assertPages(String field, String path, String bodyStart, String itemField) {
        List<Integer> sizes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String body = bodyStart + (token == null ? "" : ",\"page_token\":\"" + token + "\"") + "}";
            JsonNode page = server.http().in("mine", "POST", path, body).json(200);
            sizes.add(page.path(field).size());
            for (JsonNode item : page.path(field)) {
                names.add(itemField.equals("info") ? item.at("/info/run_name").asText() : item.path(itemField).asText());
            }
            token = page.path("next_page_token").asText(null);
            if (token != null && token.isEmpty()) {
                token = null;
            }
        } while (token != null && sizes.size() < 10);
        assertThat(sizes).containsExactly(2, 1);
        assertThat(names).containsExactlyInAnyOrder("page-mine-0", "page-mine-1", "page-mine-2");
    }
}
