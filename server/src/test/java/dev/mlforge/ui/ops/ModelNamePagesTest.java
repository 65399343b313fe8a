package dev.mlforge.ui.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A registered model whose name holds a quote: its page searches its versions with the name quoted for the grammar. */
class ModelNamePagesTest {
    private static final String API = "/api/2.0/mlflow/";

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();

    @Test
    void a_model_named_with_a_quote_shows_its_versions() {
        TestHttp http = server.http();
        String runId = http.post(API + "runs/create", Map.of("experiment_id", "0")).ok().json()
                .at("/run/info/run_id").asText();
        http.post(API + "registered-models/create", Map.of("name", "o'brien")).ok();
        http.post(API + "model-versions/create", Map.of("name", "o'brien", "source", "runs:/" + runId + "/model")).ok();
        TestHttp.Response page = http.get("/ui/models/o%27brien");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("runs:/" + runId + "/model");
    }
}
