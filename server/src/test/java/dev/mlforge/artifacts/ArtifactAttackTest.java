package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every path attack against every artifact route, over real HTTP: each must answer 400 with the JSON error
 * shape, and nothing outside the artifact root may be read, written or deleted.
 */
class ArtifactAttackTest {
    private static final String SECRET = "TOP-SECRET-" + UUID.randomUUID();

    /** The artifact root is {@code <data dir>/planted/artifacts}, so that the targets planted around it are not the server's own files. */
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("artifacts-destination", dataDir -> dataDir.resolve("planted/artifacts").toUri().toString());

    static Path data;
    static Path root;
    static String runId;

    /** A route with {@code {p}} where the attack goes, raw (already URL-encoded as an attacker would send it). */
    record Route(String name, String method, String template) {
        String url(String attack) {
            return template.replace("{run}", runId).replace("{p}", attack);
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
            new Route("get-artifact", "GET", "/get-artifact?run_uuid={run}&path={p}"),
            new Route("run-artifacts-list", "GET", "/api/2.0/mlflow/artifacts/list?run_id={run}&path={p}"));

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

    @BeforeAll
    static void plantTargetsOutsideTheRoot() throws IOException {
        data = server.dataDir().resolve("planted");
        root = Files.createDirectories(data.resolve("artifacts"));
        runId = server.http().post("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"0\"}").ok().json()
                .at("/run/info/run_id").asText();
        Files.writeString(data.resolve("secret.txt"), SECRET);
        Path outside = Files.createDirectories(data.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Path evil = Files.createDirectories(data.resolve("artifacts-evil"));
        Files.writeString(evil.resolve("secret.txt"), SECRET);
        // The same links at the root and at the run's root, so that both route families meet them.
        for (Path base : List.of(root, Files.createDirectories(root.resolve("0/" + runId + "/artifacts")))) {
            Files.createSymbolicLink(base.resolve("escape"), outside);
            Files.createSymbolicLink(base.resolve("link.txt"), data.resolve("secret.txt"));
        }
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("routesAndAttacks")
    void refuses_the_attack_with_400_and_touches_nothing_outside_the_root(Route route, Attack attack) {
        Map<Path, String> before = snapshotOutsideRoot();
        String raw = attack.raw().replace("$DATA", data.toString());

        TestHttp.Response response = server.http().send(route.method(), route.url(raw), null,
                route.method().equals("PUT") ? "PWNED".getBytes(StandardCharsets.UTF_8) : null);

        String body = response.body();
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode json = response.json();
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
