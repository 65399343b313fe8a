package dev.mlforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The OCI tarball the {@code jib} profile writes (cli/target/jib-image.tar). Building it needs the Jib plugin and a base
 * image, so the test reads a tarball that exists and is skipped otherwise; built offline with the base {@code scratch}:
 * <pre>./mvnw -B -Pjib -pl cli -DskipTests -Djib.from.image=scratch compile com.google.cloud.tools:jib-maven-plugin:3.5.2:buildTar</pre>
 * Checked: the OCI layout (index, manifest, config and layer blobs by digest), the runtime settings the Dockerfile
 * also has (user, command, ports, volumes, environment, labels), and that the layers hold the classes, the
 * dependency jars and the classpath file the entrypoint names.
 */
class JibImageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_jib_tarball_is_an_oci_image_of_the_server_as_user_10001() throws Exception {
        Path tarball = Repo.root().resolve("cli/target/jib-image.tar");
        Assumptions.assumeTrue(Files.isRegularFile(tarball), "no cli/target/jib-image.tar: build it with -Pjib (see the class comment)");
        Map<String, byte[]> files;
        try (InputStream in = Files.newInputStream(tarball)) {
            files = TarEntries.read(in, path -> true);
        }

        assertThat(new String(files.get("oci-layout"))).contains("\"imageLayoutVersion\"");
        JsonNode index = JSON.readTree(files.get("index.json"));
        assertThat(index.at("/manifests/0/mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        JsonNode manifest = JSON.readTree(blob(files, index.at("/manifests/0/digest").asText()));
        JsonNode config = JSON.readTree(blob(files, manifest.at("/config/digest").asText())).path("config");

        assertThat(config.path("User").asText()).isEqualTo("10001:10001");
        assertThat(texts(config.path("Entrypoint"))).startsWith("java").endsWith("-cp", "@/app/jib-classpath-file", "dev.mlforge.cli.Main");
        assertThat(texts(config.path("Cmd"))).containsExactly("server");
        assertThat(config.path("ExposedPorts").has("5000/tcp")).isTrue();
        assertThat(iterable(config.path("Volumes").fieldNames())).containsExactlyInAnyOrder("/var/lib/mlforge", "/etc/mlforge", "/tmp");
        assertThat(texts(config.path("Env"))).contains("MLFORGE_HOST=0.0.0.0", "MLFORGE_DATA_DIR=/var/lib/mlforge");
        assertThat(config.at("/Labels/org.opencontainers.image.licenses").asText()).isEqualTo("Apache-2.0");

        List<String> paths = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(blob(files, layer.path("digest").asText())))) {
                paths.addAll(TarEntries.read(in, path -> false).keySet());
            }
        }
        assertThat(paths).contains("app/classes/dev/mlforge/cli/Main.class", "app/classes/dev/mlforge/cli/SmokeTestCommand.class",
                "app/jib-classpath-file", "app/jib-main-class-file");
        assertThat(paths).anySatisfy(path -> assertThat(path).matches("app/libs/mlforge-server-.*\\.jar"));
        assertThat(paths).anySatisfy(path -> assertThat(path).matches("app/libs/picocli-.*\\.jar"));
    }

    private static byte[] blob(Map<String, byte[]> files, String digest) {
        byte[] blob = files.get("blobs/sha256/" + digest.substring("sha256:".length()));
        assertThat(blob).as(digest).isNotNull();
        return blob;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
