package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.config.ConfigException;
import dev.mlforge.config.ConfigLoader;
import dev.mlforge.config.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 store's settings as a deployment gives them: the AWS tools' variables, mlforge's keys above them. */
class S3SettingsTest {
    private static final S3Location LOCATION = new S3Location("bucket", "prefix");

    @TempDir
    Path tmp;

    @Test
    void aws_defaults_without_an_endpoint_use_virtual_hosted_requests_and_stream_downloads() {
        S3Settings settings = settings(Map.of(), Map.of());
        assertThat(settings.endpoint()).isNull();
        assertThat(settings.region()).isNull();
        assertThat(settings.pathStyle()).isFalse();
        assertThat(settings.partSize()).isEqualTo(8 << 20);
        assertThat(settings.cacheBytes()).isEqualTo(4L << 30);
        assertThat(settings.presignedTtl()).isNull();
        assertThat(settings.cacheDir()).isEqualTo(tmp.resolve("data/artifact-cache"));
    }

    @Test
    void the_endpoint_and_region_come_from_the_aws_variables_and_an_endpoint_turns_path_style_on() {
        S3Settings settings = settings(Map.of("AWS_ENDPOINT_URL", "http://generic:9000", "AWS_ENDPOINT_URL_S3", "http://minio:9000",
                "AWS_DEFAULT_REGION", "eu-west-3"), Map.of());
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://minio:9000"));
        assertThat(settings.region()).isEqualTo("eu-west-3");
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings(Map.of("AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "eu-west-3"), Map.of()).region())
                .isEqualTo("us-west-2");
    }

    @Test
    void mlforge_keys_win_over_the_aws_variables() {
        S3Settings settings = settings(Map.of("AWS_ENDPOINT_URL_S3", "http://minio:9000", "MLFORGE_ARTIFACTS_S3_REGION", "ap-south-1",
                "AWS_REGION", "us-west-2"), Map.of("artifacts.s3.endpoint-url", "https://ceph.internal", "artifacts.s3.path-style", "false",
                "artifacts.s3.presigned-downloads", "true", "artifacts.s3.presigned-ttl-seconds", "60", "artifacts.s3.part-size", "16m"));
        assertThat(settings.endpoint()).isEqualTo(URI.create("https://ceph.internal"));
        assertThat(settings.region()).isEqualTo("ap-south-1");
        assertThat(settings.pathStyle()).isFalse();
        assertThat(settings.presignedTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.partSize()).isEqualTo(16 << 20);
    }

    @Test
    void a_bad_endpoint_or_a_part_below_s3s_minimum_is_refused_naming_the_key_and_source() {
        assertThatThrownBy(() -> settings(Map.of("AWS_ENDPOINT_URL_S3", "minio:9000"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("artifacts.s3.endpoint-url");
        assertThatThrownBy(() -> settings(Map.of(), Map.of("artifacts.s3.part-size", "1m")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("artifacts.s3.part-size").hasMessageContaining("command-line flag");
    }

    private S3Settings settings(Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> all = new java.util.HashMap<>(flags);
        all.put("data-dir", tmp.resolve("data").toString());
        return S3Settings.from(ServerConfig.from(new ConfigLoader(environment).load(null, all)), LOCATION);
    }
}
