package dev.mlforge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArtifactLocationTest {
    @Test
    void maps_proxied_artifact_uris_to_proxy_paths() {
        assertThat(ArtifactLocation.proxyRoot("mlflow-artifacts:/1/abc/artifacts")).isEqualTo("1/abc/artifacts");
        assertThat(ArtifactLocation.proxyRoot("mlflow-artifacts://server:5000/2/r/artifacts/")).isEqualTo("2/r/artifacts");
    }

    @Test
    void rejects_artifact_uris_outside_the_proxy() {
        assertThatThrownBy(() -> ArtifactLocation.proxyRoot("s3://bucket/1/abc"))
                .isInstanceOf(MlforgeClientException.class)
                .hasMessageContaining("not served through the artifact proxy");
    }

    @Test
    void joins_and_encodes_paths_segment_by_segment() {
        assertThat(ArtifactLocation.join("/a/", "/b c/")).isEqualTo("a/b c");
        assertThat(ArtifactLocation.join(null, "x")).isEqualTo("x");
        assertThat(ArtifactLocation.join("x", "")).isEqualTo("x");
        assertThat(ArtifactLocation.urlPath("1/r/artifacts/my file#1.txt"))
                .isEqualTo("/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/my%20file%231.txt");
    }
}
