package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactPathsTest {
    @Test
    void keeps_a_plain_relative_path() {
        assertThat(ArtifactPaths.normalize("1/abc/artifacts/model/model.onnx")).isEqualTo("1/abc/artifacts/model/model.onnx");
    }

    @Test
    void drops_empty_and_dot_segments() {
        assertThat(ArtifactPaths.normalize("a//b/./c/")).isEqualTo("a/b/c");
    }

    @Test
    void treats_null_and_empty_as_the_root() {
        assertThat(ArtifactPaths.normalize(null)).isEmpty();
        assertThat(ArtifactPaths.normalize("")).isEmpty();
    }

    @Test
    void keeps_harmless_percent_signs_and_dots_in_names() {
        assertThat(ArtifactPaths.normalize("100%25 done/v1..2/..hidden/a%20b.txt")).isEqualTo("100%25 done/v1..2/..hidden/a%20b.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "..", "../x", "a/../../x", "a/..", "/etc/passwd", "//server/share", "..\\x", "a\\b", "a\u0000b", "a\nb",
        "C:/x", "c:x", "%2e%2e/x", "%2E%2E/x", "..%2fx", "a%2Fb", "%252e%252e/x", "%25252e%25252e/x", "..%5cx",
        "a%00b", "%2fetc/passwd", "%43:/x"
    })
    void refuses_paths_that_could_leave_the_root(String path) {
        assertThatThrownBy(() -> ArtifactPaths.normalize(path))
                .isInstanceOfSatisfying(MlforgeException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageStartingWith("Invalid artifact path");
    }

    @Test
    void refuses_overlong_paths_and_segments() {
        assertThatThrownBy(() -> ArtifactPaths.normalize("a/".repeat(3000))).hasMessageContaining("longer than 4096");
        assertThatThrownBy(() -> ArtifactPaths.normalize("x".repeat(256))).hasMessageContaining("segment is longer");
    }

    @Test
    void spells_out_control_characters_in_the_message() {
        assertThatThrownBy(() -> ArtifactPaths.normalize("a\u0000b")).hasMessageContaining("a\\u0000b");
    }

    @Test
    void joins_a_sub_path_below_a_parent() {
        assertThat(ArtifactPaths.join("1/run/artifacts", "model/MLmodel")).isEqualTo("1/run/artifacts/model/MLmodel");
        assertThat(ArtifactPaths.join("", "x")).isEqualTo("x");
        assertThat(ArtifactPaths.join("a", null)).isEqualTo("a");
        assertThatThrownBy(() -> ArtifactPaths.join("a", "../b")).isInstanceOf(MlforgeException.class);
    }
}
