package dev.mlforge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerLocationTest {
    private static final Map<String, String> BOTH = Map.of("MLFORGE_TRACKING_URI", "http://mlforge:2/",
            "MLFLOW_TRACKING_URI", "http://mlflow:3");

    @Test
    void the_flag_then_mlforge_then_mlflow_variable_then_the_default_name_the_server() {
        assertThat(ServerLocation.resolve("http://flag:1", BOTH).toString()).isEqualTo("http://flag:1 (from --tracking-uri)");
        assertThat(ServerLocation.resolve(null, BOTH).source()).isEqualTo("MLFORGE_TRACKING_URI");
        assertThat(ServerLocation.resolve(null, BOTH).baseUrl()).isEqualTo("http://mlforge:2");
        assertThat(ServerLocation.resolve(" ", Map.of("MLFLOW_TRACKING_URI", "http://mlflow:3")).source())
                .isEqualTo("MLFLOW_TRACKING_URI");
        ServerLocation fallback = ServerLocation.resolve(null, Map.of("MLFORGE_TRACKING_URI", ""));
        assertThat(fallback.isDefault()).isTrue();
        assertThat(fallback.trackingUri()).isEqualTo(ServerLocation.DEFAULT_TRACKING_URI);
    }

    @Test
    void credentials_become_one_authorization_header_a_token_first() {
        assertThat(ServerLocation.resolve(null, Map.of("MLFORGE_TRACKING_TOKEN", "t1", "MLFLOW_TRACKING_TOKEN", "t2",
                "MLFLOW_TRACKING_USERNAME", "ann", "MLFLOW_TRACKING_PASSWORD", "pw")).authorizationHeader()).hasValue("Bearer t1");
        assertThat(ServerLocation.resolve(null, Map.of("MLFLOW_TRACKING_USERNAME", "ann", "MLFLOW_TRACKING_PASSWORD", "pw"))
                .authorizationHeader()).hasValue("Basic YW5uOnB3");
        assertThat(ServerLocation.resolve(null, Map.of()).authorizationHeader()).isEmpty();
        assertThat(ServerLocation.resolve(null, Map.of("MLFLOW_TRACKING_PASSWORD", "pw")).toString()).doesNotContain("pw");
    }

    @Test
    void a_uri_that_is_not_http_is_refused_when_used() {
        assertThatThrownBy(() -> ServerLocation.resolve("ftp://host", Map.of()).baseUrl())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an http:// or https:// URL");
    }

    @Test
    void a_stored_token_is_sent_only_to_the_server_that_issued_it(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home) {
        Map<String, String> environment = Map.of("HOME", home.toString());
        CredentialsFile.of(environment).orElseThrow().save("http://issuer:5000/", "mlf_stored");

        assertThat(ServerLocation.resolve("http://issuer:5000", environment).authorizationHeader()).contains("Bearer mlf_stored");
        assertThat(ServerLocation.resolve("http://elsewhere:5000", environment).authorizationHeader()).isEmpty();
        assertThat(ServerLocation.resolve("http://issuer:5000", Map.of("HOME", home.toString(), "MLFORGE_TOKEN", "mlf_env"))
                .authorizationHeader()).contains("Bearer mlf_env");
    }
}
