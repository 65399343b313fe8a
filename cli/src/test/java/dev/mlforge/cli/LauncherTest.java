package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@code ./mlforge} launcher shows the progress of its build on stderr instead of two silent minutes. */
class LauncherTest {
    private static final Path FILTER = Path.of("src/main/launcher/build-progress.awk");

    private static final String MAVEN_LOG = """
            [INFO] Scanning for projects...
            Downloading from central: https://repo.example/org/x/y.pom
            Downloaded from central: https://repo.example/org/x/y.pom (2 kB at 10 kB/s)
            [INFO] ---------------------< dev.mlforge:mlforge-parent >---------------------
            [INFO] Building mlforge 0.1.0-SNAPSHOT                                    [1/3]
            [INFO]   from pom.xml
            [INFO] -------------------< dev.mlforge:mlforge-server >--------------------
            [INFO] Building mlforge server 0.1.0-SNAPSHOT                             [2/3]
            [INFO] --- resources:3.3.1:resources (default-resources) @ mlforge-server ---
            [INFO] --- compiler:3.16.0:compile (default-compile) @ mlforge-server ---
            [WARNING] something noisy
            [INFO] Building mlforge cli 0.1.0-SNAPSHOT                                [3/3]
            [INFO] --- compiler:3.16.0:compile (default-compile) @ mlforge-cli ---
            [ERROR] /work/cli/src/main/java/Foo.java:[3,1] cannot find symbol
            [INFO] BUILD FAILURE
            [INFO] Total time:  01:02 min
            """;

    @Test
    void the_build_log_becomes_one_line_per_module_with_a_dot_per_step_and_the_errors_in_full() throws Exception {
        Process awk = new ProcessBuilder("awk", "-f", FILTER.toString()).redirectErrorStream(true).start();
        awk.getOutputStream().write(MAVEN_LOG.getBytes(StandardCharsets.UTF_8));
        awk.getOutputStream().close();
        String progress = new String(awk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(awk.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(progress.lines().map(String::stripTrailing).toList()).containsExactly(
                "..",
                "mlforge: building mlforge (1/3)",
                "mlforge: building mlforge server (2/3) ..",
                "mlforge: building mlforge cli (3/3) .",
                "[ERROR] /work/cli/src/main/java/Foo.java:[3,1] cannot find symbol",
                "mlforge: build failed after 01:02 min");
    }

    @Test
    void the_launcher_builds_without_quiet_maven_and_sends_the_progress_to_stderr() throws Exception {
        String launcher = Files.readString(Path.of("..", "mlforge"));
        String build = launcher.lines().filter(line -> line.contains("./mvnw")).findFirst().orElseThrow();

        assertThat(build).doesNotContain(" -q ")
                .endsWith("2>&1 | awk -f \"$root/cli/" + FILTER + "\" >&2");
        assertThat(launcher).contains("set -euo pipefail");
    }
}
