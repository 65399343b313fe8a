package dev.mlforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.deploy.Dockerfile.Instruction;
import dev.mlforge.deploy.Dockerfile.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The production image's Dockerfile (no Docker engine runs here, so it is parsed, not built): a multi-stage build
 * whose runtime stage holds a jlinked JRE, runs as a non-root user, checks readiness, and starts the JVM in exec form.
 */
class DockerImageTest {
    private static final Dockerfile SERVER = Dockerfile.parse(Repo.file("deploy/docker/Dockerfile"));
    private static final Dockerfile PYTHON = Dockerfile.parse(Repo.file("deploy/docker/python-worker.Dockerfile"));

    @Test
    void the_server_image_is_built_in_stages_and_the_runtime_copies_only_the_jar_and_a_jlinked_runtime() {
        assertThat(SERVER.stages()).extracting(Stage::name).containsExactly("build", "jre", "runtime");
        Stage runtime = SERVER.last();
        List<String> copiedFrom = runtime.all("COPY").stream().flatMap(copy -> copy.flags().stream())
                .filter(flag -> flag.startsWith("--from=")).map(flag -> flag.substring(7)).toList();
        assertThat(copiedFrom).containsExactlyInAnyOrder("jre", "build");
        assertThat(stage(SERVER, "jre").all("RUN")).anySatisfy(run -> assertThat(run.arguments())
                .startsWith("jlink ").contains("--add-modules java.base,").contains("--strip-debug").contains("--no-header-files"));
        assertThat(stage(SERVER, "build").all("RUN")).anySatisfy(run -> assertThat(run.arguments())
                .contains("./mvnw").contains("-pl cli -am package").contains("-DskipTests"));
        assertThat(runtime.base()).doesNotContain("jdk");
    }

    @Test
    void the_build_stage_copies_the_pom_of_every_module_maven_reads() {
        // Maven loads every <module> of the reactor even for -pl cli: a module whose pom is missing fails the build.
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(Repo.text(Repo.file("pom.xml")));
        Set<String> copied = stage(SERVER, "build").all("COPY").stream().map(Instruction::arguments).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        while (modules.find()) {
            if (!copied.contains(modules.group(1) + "/pom.xml " + modules.group(1) + "/")) {
                missing.add(modules.group(1));
            }
        }
        assertThat(missing).as("modules whose pom.xml the build stage does not copy").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile", "python-worker.Dockerfile"})
    void the_runtime_runs_as_a_non_root_user_with_volumes_healthcheck_labels_and_an_exec_form_entrypoint(String name) {
        Stage runtime = Dockerfile.parse(Repo.file("deploy/docker/" + name)).last();

        String user = runtime.last("USER").orElseThrow(() -> new AssertionError("no USER")).arguments().split(":")[0].strip();
        assertThat(user).isNotIn("root", "0").matches("\\d+");
        assertThat(runtime.instructions().indexOf(runtime.last("USER").orElseThrow()))
                .as("no RUN after USER switches back to root work").isGreaterThan(runtime.instructions().indexOf(runtime.last("RUN").orElseThrow()));
        List<String> entrypoint = runtime.last("ENTRYPOINT").orElseThrow().execForm()
                .orElseThrow(() -> new AssertionError("ENTRYPOINT must be exec form so SIGTERM reaches the JVM"));
        assertThat(entrypoint).containsExactly("java", "-jar", "/opt/mlforge/mlforge.jar");
        assertThat(runtime.last("CMD").orElseThrow().execForm()).contains(List.of("server"));
        Instruction healthcheck = runtime.last("HEALTHCHECK").orElseThrow();
        assertThat(healthcheck.flags()).anySatisfy(flag -> assertThat(flag).startsWith("--start-period="));
        assertThat(healthcheck.arguments().substring(healthcheck.arguments().indexOf("CMD") + 3).strip())
                .isEqualTo("[\"/opt/mlforge/bin/healthcheck\"]");
        assertThat(runtime.last("VOLUME").orElseThrow().execForm().orElseThrow())
                .containsExactlyInAnyOrder("/var/lib/mlforge", "/etc/mlforge", "/tmp");
        String labels = runtime.all("LABEL").stream().map(Instruction::arguments).collect(Collectors.joining(" "));
        assertThat(labels).contains("org.opencontainers.image.title=", "org.opencontainers.image.source=",
                "org.opencontainers.image.licenses=\"Apache-2.0\"");
        String env = runtime.all("ENV").stream().map(Instruction::arguments).collect(Collectors.joining(" "));
        assertThat(env).contains("MLFORGE_HOST=0.0.0.0", "MLFORGE_DATA_DIR=/var/lib/mlforge", "-Djava.io.tmpdir=/tmp");
        assertThat(runtime.all("EXPOSE")).singleElement().extracting(Instruction::arguments).isEqualTo("5000 5001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile", "python-worker.Dockerfile"})
    void the_image_environment_is_a_configuration_the_server_accepts(String name) {
        Map<String, String> environment = new java.util.HashMap<>();
        for (Instruction env : Dockerfile.parse(Repo.file("deploy/docker/" + name)).last().all("ENV")) {
            Matcher pair = Pattern.compile("([A-Z_]+)=(\"[^\"]*\"|\\S+)").matcher(env.arguments());
            while (pair.find()) {
                environment.put(pair.group(1), pair.group(2).replace("\"", ""));
            }
        }
        environment.put("MLFORGE_AUTH_MODE", "basic");

        dev.mlforge.config.ServerConfig config = dev.mlforge.config.ServerConfig.from(
                new dev.mlforge.config.ConfigLoader(environment).load(null, Map.of()));

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(5000);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/mlforge"));
        assertThat(environment).containsKey("JAVA_TOOL_OPTIONS");
    }

    @Test
    void the_healthcheck_script_asks_for_readiness_and_is_copied_executable() throws Exception {
        Path script = Repo.file("deploy/docker/healthcheck.sh");
        assertThat(Repo.text(script)).startsWith("#!/bin/bash").contains("GET /health/ready HTTP/1.0").contains("MLFORGE_PORT");
        assertThat(SERVER.last().all("COPY")).anySatisfy(copy -> assertThat(copy.arguments())
                .isEqualTo("--chmod=0755 deploy/docker/healthcheck.sh /opt/mlforge/bin/healthcheck"));
    }

    @Test
    void the_python_image_adds_the_model_packages_to_the_server_of_the_main_image() {
        assertThat(PYTHON.stages()).hasSize(2);
        assertThat(PYTHON.stages().get(0).base()).isEqualTo("${MLFORGE_IMAGE}");
        assertThat(PYTHON.last().base()).isEqualTo("${PYTHON_IMAGE}");
        assertThat(PYTHON.last().all("RUN")).anySatisfy(run -> assertThat(run.arguments())
                .contains("pip install --no-cache-dir").contains("-r /opt/mlforge/requirements.txt"));
        assertThat(String.join(" ", PYTHON.last().all("ENV").stream().map(Instruction::arguments).toList()))
                .contains("MLFORGE_SERVING_PYTHON_INTERPRETER=/usr/local/bin/python3");
        assertThat(Repo.text(Repo.file("deploy/docker/python-requirements.txt"))).contains("scikit-learn==", "cloudpickle==");
    }

    @Test
    void the_build_context_leaves_out_build_output_and_version_control() {
        List<String> ignored = Repo.text(Repo.file(".dockerignore")).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(ignored).contains(".git", "**/target");
        // and nothing the build stage copies is ignored
        assertThat(ignored).doesNotContain("cli", "server", "datasets", "pipelines", "deploy/docker");
    }

    @Test
    void the_parser_joins_continuations_and_tells_exec_from_shell_form(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("Dockerfile"),
                "# syntax=docker/dockerfile:1\nARG BASE=debian\nFROM ${BASE} AS one\nRUN a \\\n  # note\n  && b\n"
                        + "USER root\nENTRYPOINT java -jar x.jar\n");

        Stage stage = Dockerfile.parse(file).last();

        assertThat(stage.all("RUN")).singleElement().extracting(Instruction::arguments).isEqualTo("a    && b");
        assertThat(stage.last("ENTRYPOINT").orElseThrow().execForm()).isEmpty();
        assertThat(stage.last("USER").orElseThrow().arguments()).isEqualTo("root");
    }

    private static Stage stage(Dockerfile file, String name) {
        return file.stages().stream().filter(s -> name.equals(s.name())).findFirst().orElseThrow();
    }
}
