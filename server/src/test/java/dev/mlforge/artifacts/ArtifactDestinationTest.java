package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.config.ConfigException;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactDestinationTest {
    @TempDir
    Path tmp;

    @Test
    void defaults_to_the_artifacts_folder_of_the_data_dir() {
        assertThat(ArtifactDestination.folder(ServerConfig.forDataDir(tmp))).isEqualTo(tmp.toAbsolutePath().resolve("artifacts"));
    }

    @Test
    void accepts_a_folder_path() {
        assertThat(ArtifactDestination.folder(config(tmp.resolve("store").toString()))).isEqualTo(tmp.resolve("store"));
    }

    @Test
    void accepts_a_file_uri() {
        assertThat(ArtifactDestination.folder(config(tmp.resolve("store").toUri().toString()))).isEqualTo(tmp.resolve("store"));
        assertThat(ArtifactDestination.folder(config("file://" + tmp.resolve("x")))).isEqualTo(tmp.resolve("x"));
    }

    @Test
    void names_an_s3_bucket_and_prefix() {
        assertThat(ArtifactDestination.s3(config("s3://ml-artifacts/team/prod/"))).contains(new S3Location("ml-artifacts", "team/prod"));
        assertThat(ArtifactDestination.s3(config("s3://ml-artifacts"))).contains(new S3Location("ml-artifacts", ""));
        assertThat(ArtifactDestination.s3(config(tmp.toString()))).isEmpty();
        assertThat(ArtifactDestination.s3(ServerConfig.forDataDir(tmp))).isEmpty();
    }

    @Test
    void refuses_an_s3_uri_with_a_bad_bucket_or_a_climbing_prefix_naming_the_key() {
        for (String uri : new String[] {"s3://Bad_Bucket/x", "s3://b/x", "s3:///prefix", "s3://bucket/../other", "s3://bucket/a?x=1"}) {
            assertThatThrownBy(() -> ArtifactDestination.s3(config(uri)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("artifacts-destination")
                    .hasMessageContaining(uri);
        }
    }

    @Test
    void refuses_other_remote_stores_naming_the_key() {
        assertThatThrownBy(() -> ArtifactDestination.folder(config("gs://bucket/prefix")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("artifacts-destination")
                .hasMessageContaining("gs://bucket/prefix")
                .hasMessageContaining("s3://");
    }

    @Test
    void refuses_a_file_uri_with_a_remote_host() {
        assertThatThrownBy(() -> ArtifactDestination.folder(config("file://otherhost/data")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("artifacts-destination");
    }

    private ServerConfig config(String destination) {
        return ServerConfig.from(ConfigValues.of(Map.of("data-dir", tmp.toString(), "artifacts-destination", destination)));
    }
}
