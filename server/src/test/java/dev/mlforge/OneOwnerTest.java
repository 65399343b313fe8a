package dev.mlforge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each of these has one owner in the server's main sources, so that a second copy cannot creep back: the clock
 * (built once by the application, injected everywhere), the model URI and MLmodel formats ({@code models/}), and
 * the local artifact repository (built only by the artifacts factory).
 */
class OneOwnerTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/mlforge");

    @Test
    void only_the_application_reads_the_system_clock() {
        assertThat(filesMatching("Clock\\.system|Instant\\.now\\(|System\\.currentTimeMillis|(Date|Time)\\.now\\("))
                .containsExactly("app/Application.java");
    }

    @Test
    void only_model_uri_builds_and_parses_model_uris() {
        assertThat(filesMatching("\"(models|runs):/")).containsExactly("models/ModelUri.java");
    }

    @Test
    void only_ml_model_names_the_mlmodel_file() {
        assertThat(filesMatching("\"MLmodel\"")).containsExactly("models/MlModel.java");
    }

    @Test
    void only_the_artifacts_factory_builds_a_local_repository() {
        assertThat(filesMatching("new LocalArtifactRepository\\(")).containsExactly("artifacts/ArtifactRepositories.java");
    }

    /** The main source files (relative to the root package) with a line of code matching {@code regex}. */
    private static List<String> filesMatching(String regex) {
        Pattern pattern = Pattern.compile(regex);
        List<String> matching = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                if (Files.readAllLines(file).stream().map(String::strip).filter(line -> !isComment(line))
                        .anyMatch(line -> pattern.matcher(line).find())) {
                    matching.add(SOURCES.relativize(file).toString().replace('\\', '/'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return matching;
    }

    private static boolean isComment(String line) {
        return line.startsWith("*") || line.startsWith("/*") || line.startsWith("//");
    }
}
