package dev.mlforge.monitoring.monitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.artifacts.LocalArtifactRepository;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactCsvReferenceSourceTest {
    @TempDir
    Path dir;

    @Test
    void reads_numbers_categories_and_missing_values_from_the_located_artifact() {
        LocalArtifactRepository artifacts = new LocalArtifactRepository(dir);
        write(artifacts, "runs/r1/ref.csv", "age,city\n31,Oslo\nNA,\"Rome, IT\"\n40,\n");
        ReferenceSource source = new ArtifactCsvReferenceSource(artifacts, spec -> "runs/" + spec.runId() + "/" + spec.artifactPath());

        ColumnTable table = source.load(ReferenceSpec.runArtifact("r1", "ref.csv"));

        assertThat(table.names()).containsExactly("age", "city");
        assertThat(table.column("age")).isEqualTo(Arrays.asList(31.0, null, 40.0));
        assertThat(table.column("city")).isEqualTo(Arrays.asList("Oslo", "Rome, IT", null));
    }

    @Test
    void a_missing_file_is_not_found_and_a_malformed_one_invalid() {
        LocalArtifactRepository artifacts = new LocalArtifactRepository(dir);
        write(artifacts, "bad.csv", "a,a\n1,2\n");
        ReferenceSource missing = new ArtifactCsvReferenceSource(artifacts, spec -> "nothing.csv");
        ReferenceSource malformed = new ArtifactCsvReferenceSource(artifacts, spec -> "bad.csv");

        assertThatThrownBy(() -> missing.load(ReferenceSpec.datasetVersion("wine", 2))).isInstanceOf(MlforgeException.class)
                .hasMessageContaining("dataset wine v2").hasMessageContaining("nothing.csv");
        assertThatThrownBy(() -> malformed.load(ReferenceSpec.datasetVersion("wine", 2))).isInstanceOf(MlforgeException.class)
                .hasMessageContaining("Cannot read reference");
    }

    private static void write(LocalArtifactRepository artifacts, String path, String text) {
        artifacts.write(path, new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
