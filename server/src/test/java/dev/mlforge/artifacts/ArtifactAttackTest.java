package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every path attack against every artifact route, over real HTTP: each must answer 400 with the JSON error
 * shape, and nothing outside the artifact root may be read, written or deleted.
 */
class ArtifactAttackTest {
    private static final String SECRET = "TOP-SECRET-" + UUID.randomUUID();
    private static final String RUN_ROOT = "1/r1/artifacts";

    @TempDir
    static Path sharedTmp;

    Path data;
    Path root;
    ArtifactTestServer server;

    /** A route with {@code {p}} where the attack goes, raw (already URL-encoded as an attacker would send it). */
    record Route(String name, String method, String template) {
        String url(String attack) {
            return template.replace("{p}", attack);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** An attack: {@code raw} is the path as sent on the wire; {@code $DATA} stands for the absolute data folder. */
    record Attack(String name, String raw) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route("upload", "PUT", "/api/2.0/mlflow-artifacts/artifacts/{p}"),
            new Route("download", "GET", "/api/2.0/mlflow-artifacts/artifacts/{p}"),
            new Route("delete", "DELETE", "/api/2.0/mlflow-artifacts/artifacts/{p}"),
            new Route("list", "GET", "/api/2.0/mlflow-artifacts/artifacts?path={p}"),
            new Route("get-artifact", "GET", "/get-artifact?run_uuid=r1&path={p}"),
            new Route("run-artifacts-list", "GET", "/api/2.0/mlflow/artifacts/list?run_id=r1&path={p}"));

    static final List<Attack> ATTACKS = List.of(
            new Attack("dot-dot", "../secret.txt"),
            new Attack("deep dot-dot", "a/../../secret.txt"),
            new Attack("encoded slash", "..%2fsecret.txt"),
            new Attack("encoded dots", "%2e%2e/secret.txt"),
            new Attack("double-encoded traversal", "%252e%252e%252fsecret.txt"),
            new Attack("absolute /etc/passwd", "/etc/passwd"),
            new Attack("absolute path of the secret", "$DATA/secret.txt"),
            new Attack("backslash", "..%5Csecret.txt"),
            new Attack("NUL byte", "secret.txt%00.png"),
            new Attack("windows drive letter", "C:/secret.txt"),
            new Attack("symlinked folder", "escape/secret.txt"),
            new Attack("symlinked file", "link.txt"),
            new Attack("sibling folder sharing the root's name prefix", "../artifacts-evil/secret.txt"),
            new Attack("absolute path into the sibling with the root's prefix", "$DATA/artifacts-evil/secret.txt"));

    static Stream<Arguments> routesAndAttacks() {
        List<Arguments> combinations = new ArrayList<>();
        for (Route route : ROUTES) {
            for (Attack attack : ATTACKS) {
                combinations.add(Arguments.of(route, attack));
            }
        }
        return combinations.stream();
    }

    @BeforeEach
    void plantTargetsOutsideTheRoot() throws IOException {
        data = Files.createTempDirectory(sharedTmp, "data").toRealPath();
        root = data.resolve("artifacts");
        server = new ArtifactTestServer(root, Map.of("r1", "mlflow-artifacts:/" + RUN_ROOT));
        Files.writeString(data.resolve("secret.txt"), SECRET);
        Path outside = Files.createDirectories(data.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Path evil = Files.createDirectories(data.resolve("artifacts-evil"));
        Files.writeString(evil.resolve("secret.txt"), SECRET);
        // The same links at the root and at the run's root, so that both route families meet them.
        for (Path base : List.of(root, Files.createDirectories(root.resolve(RUN_ROOT)))) {
            Files.createSymbolicLink(base.resolve("escape"), outside);
            Files.createSymbolicLink(base.resolve("link.txt"), data.resolve("secret.txt"));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("routesAndAttacks")
    void refuses_the_attack_with_400_and_touches_nothing_outside_the_root(Route route, Attack attack) {
        Map<Path, String> before = snapshotOutsideRoot();
        String raw = attack.raw().replace("$DATA", data.toString());

        HttpResponse<byte[]> response = server.send(route.method(), route.url(raw),
                route.method().equals("PUT") ? "PWNED".getBytes(StandardCharsets.UTF_8) : null);

        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode json = ArtifactTestServer.json(response);
        assertThat(json.path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(json.path("message").asText()).isNotBlank();
        assertThat(body).doesNotContain(SECRET).doesNotContain("root:x:0:0");
        assertThat(snapshotOutsideRoot()).isEqualTo(before);
        assertThat(filesInside(root)).isEmpty();
    }

    /** Every file and folder of the data folder except the artifact root, with file contents. */
    private Map<Path, String> snapshotOutsideRoot() {
        Map<Path, String> snapshot = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.filter(path -> !path.startsWith(root)).toList()) {
                snapshot.put(path, Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Files.readString(path) : "<dir>");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return snapshot;
    }

    /** Regular files written inside the root (the planted links are not regular files). */
    private static List<Path> filesInside(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
