package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactUrisTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "mlflow-artifacts:/1/r1/artifacts", "mlflow-artifacts://tracking.example:5000/1/r1/artifacts",
        "mlflow-artifacts:///1/r1/artifacts", "mlforge-artifacts:/1/r1/artifacts", "MLFLOW-ARTIFACTS:/1/r1/artifacts/"
    })
    void reads_the_relative_path_of_every_accepted_form(String uri) {
        assertThat(ArtifactUris.relativePath(uri)).isEqualTo("1/r1/artifacts");
    }

    @Test
    void names_the_root_with_an_empty_path() {
        assertThat(ArtifactUris.relativePath("mlflow-artifacts:/")).isEmpty();
        assertThat(ArtifactUris.relativePath("mlflow-artifacts://host")).isEmpty();
    }

    @Test
    void joins_a_sub_path_below_the_uri() {
        assertThat(ArtifactUris.relativePath("mlflow-artifacts:/1/r1/artifacts", "model/MLmodel"))
                .isEqualTo("1/r1/artifacts/model/MLmodel");
    }

    @Test
    void builds_the_uri_of_a_relative_path() {
        assertThat(ArtifactUris.toUri("1/r1/artifacts")).isEqualTo("mlflow-artifacts:/1/r1/artifacts");
        assertThat(ArtifactUris.relativePath(ArtifactUris.toUri("a/b"))).isEqualTo("a/b");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "file:///etc/passwd", "s3://bucket/key", "/etc/passwd", "relative/path", "http://host/x", "gs://b/k",
        "mlflow-artifacts:relative", "mlflow-artifacts:/../etc", "mlflow-artifacts:////etc/passwd",
        "mlflow-artifacts://host/%2e%2e/x", "mlflow-artifacts:/a?x=1", "mlflow-artifacts:/a#frag", "", "mlflow-artifacts:/a\\b"
    })
    void refuses_anything_else(String uri) {
        assertThatThrownBy(() -> ArtifactUris.relativePath(uri))
                .isInstanceOfSatisfying(MlforgeException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void refuses_a_sub_path_that_climbs_out_of_the_uri() {
        assertThatThrownBy(() -> ArtifactUris.relativePath("mlflow-artifacts:/1/r1/artifacts", "../../r2/artifacts/x"))
                .isInstanceOf(MlforgeException.class);
    }
}
