package dev.mlforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The GitHub Actions workflows (.github/workflows) and the model CI/CD template: they parse, have the shape Actions
 * requires, pin their actions, and every {@code mlforge} command they run exists with the options they give it.
 */
class WorkflowsTest {
    static Stream<String> workflows() throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(Repo.root().resolve(".github/workflows"))) {
            listed.filter(p -> p.toString().endsWith(".yml")).forEach(p -> files.add(".github/workflows/" + p.getFileName()));
        }
        files.add("deploy/ci-templates/model-cicd.yml");
        return files.stream().sorted();
    }

    @Test
    void the_project_has_ci_image_and_release_workflows() throws IOException {
        assertThat(workflows()).contains(".github/workflows/ci.yml", ".github/workflows/image.yml", ".github/workflows/release.yml");
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void each_workflow_has_triggers_and_jobs_whose_steps_run_or_use_a_pinned_action(String file) {
        ObjectNode workflow = Repo.yaml(Repo.file(file));
        assertThat(workflow.path("name").asText()).isNotBlank();
        assertThat(workflow.has("on")).as("'on' triggers").isTrue();
        assertThat(workflow.path("jobs").size()).isPositive();
        workflow.path("jobs").fields().forEachRemaining(job -> {
            String where = file + " job " + job.getKey();
            assertThat(job.getValue().path("runs-on").asText()).as(where).isNotBlank();
            job.getValue().path("needs").forEach(need -> assertThat(workflow.path("jobs").has(need.asText())).as(where + " needs").isTrue());
            assertThat(job.getValue().path("steps").size()).as(where).isPositive();
            for (JsonNode step : job.getValue().path("steps")) {
                assertThat(step.has("run") ^ step.has("uses")).as(where + ": a step runs a script or uses an action: " + step).isTrue();
                if (step.has("uses")) {
                    assertThat(step.path("uses").asText()).as(where).matches("[\\w.-]+/[\\w./-]+@[\\w.-]+");
                }
            }
        });
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void every_mlforge_command_a_workflow_runs_exists_with_its_options(String file) {
        List<String> problems = new ArrayList<>();
        for (List<String> command : mlforgeCommands(Repo.yaml(Repo.file(file)))) {
            check(command).ifPresent(problem -> problems.add("mlforge " + String.join(" ", command) + ": " + problem));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_model_template_trains_evaluates_registers_canaries_smoke_tests_promotes_or_rolls_back() {
        ObjectNode template = Repo.yaml(Repo.file("deploy/ci-templates/model-cicd.yml"));
        List<String> commands = mlforgeCommands(template).stream()
                .map(c -> String.join(" ", c.subList(0, Math.min(2, c.size())))).toList();

        assertThat(commands).containsSubsequence("runs get", "models get", "models versions", "models register",
                "deployments update", "deployments smoke-test", "deployments update", "deployments smoke-test",
                "models alias", "deployments rollback");
        JsonNode deliver = template.path("jobs").path("deliver");
        assertThat(deliver.path("needs").toString()).contains("evaluate");
        assertThat(deliver.path("if").asText()).contains("needs.evaluate.outputs.better == 'true'");
        JsonNode rollback = last(deliver.path("steps"));
        assertThat(rollback.path("if").asText()).startsWith("failure()");
        assertThat(rollback.path("run").asText()).contains("mlforge deployments rollback");
        String smoke = stepRunning(deliver, "--model-version");
        assertThat(smoke).contains("--min-accuracy").contains("--max-p95-ms").contains("--label-column");
    }

    @Test
    void ci_runs_the_readme_test_command_with_every_package_ci_run_installs() {
        Matcher packages = Pattern.compile("PACKAGES=\"([^\"]+)\"").matcher(Repo.text(Repo.file(".ci/run")));
        assertThat(packages.find()).isTrue();
        String ci = scripts(Repo.yaml(Repo.file(".github/workflows/ci.yml")));
        for (String pkg : packages.group(1).split("\\s+")) {
            assertThat(ci).as("ci.yml installs " + pkg).containsPattern("\\s" + Pattern.quote(pkg) + "(\\s|$)");
        }
        assertThat(ci).contains("./mvnw -B verify");
    }

    @Test
    void the_image_workflow_builds_the_shipped_dockerfile_scans_it_and_pushes_only_tags() {
        ObjectNode image = Repo.yaml(Repo.file(".github/workflows/image.yml"));
        List<JsonNode> steps = new ArrayList<>();
        image.path("jobs").path("image").path("steps").forEach(steps::add);
        assertThat(steps).filteredOn(s -> s.path("uses").asText().startsWith("docker/build-push-action"))
                .allSatisfy(s -> assertThat(Repo.root().resolve(s.path("with").path("file").asText())).isRegularFile());
        assertThat(steps).anySatisfy(s -> assertThat(s.path("uses").asText()).startsWith("aquasecurity/trivy-action@"));
        assertThat(steps).filteredOn(s -> s.path("with").path("push").asBoolean())
                .isNotEmpty().allSatisfy(s -> assertThat(s.path("if").asText()).contains("refs/tags/v"));
        assertThat(scripts(image)).contains("/health/ready").contains("-Pjib");
        assertThat(Repo.text(Repo.file("cli/pom.xml"))).contains("<id>jib</id>");
        assertThat(scripts(Repo.yaml(Repo.file(".github/workflows/release.yml")))).contains("helm package deploy/helm/mlforge");
    }

    @Test
    void the_command_reader_finds_commands_in_substitutions_and_pipes_but_not_in_quotes() {
        String script = "v=$(mlforge models register \"$M\" --run \"$R\" --json | jq -r .x)\n"
                + "echo 'mlforge nope' && ./mlforge deployments rollback d\nprintf x | sudo tee /usr/local/bin/mlforge\n"
                + "docker stop -t 30 mlforge\nif [ x ]; then mlforge deployments history d; fi\n";

        assertThat(ShellCommands.mlforge(script)).containsExactly(
                List.of("models", "register", "$M", "--run", "$R", "--json"), List.of("deployments", "rollback", "d"),
                List.of("deployments", "history", "d"));
        assertThat(check(List.of("deployments", "smoke-tst", "x"))).isPresent();
        assertThat(check(List.of("deployments", "smoke-test", "x", "--min-acuracy", "1"))).hasValue("no option --min-acuracy");
    }

    /** Why the command would not run, or empty. */
    static java.util.Optional<String> check(List<String> words) {
        CommandLine command = Main.commandLine();
        int i = 0;
        while (i < words.size() && command.getSubcommands().containsKey(words.get(i))) {
            command = command.getSubcommands().get(words.get(i++));
        }
        CommandSpec spec = command.getCommandSpec();
        if (!command.getSubcommands().isEmpty() && spec.userObject() != null && !(spec.userObject() instanceof Runnable)
                && !(spec.userObject() instanceof java.util.concurrent.Callable) && !(spec.userObject() instanceof java.lang.reflect.Method)) {
            return java.util.Optional.of("'" + spec.qualifiedName() + "' needs a subcommand, got " + words.subList(i, words.size()));
        }
        for (; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("-") || word.equals("-")) {
                continue;
            }
            String name = word.split("=", 2)[0];
            OptionSpec option = spec.findOption(name);
            if (option == null) {
                return java.util.Optional.of("no option " + name);
            }
            if (!word.contains("=") && option.arity().max() > 0 && !option.typeInfo().isBoolean()) {
                i++;
            }
        }
        return java.util.Optional.empty();
    }

    private static List<List<String>> mlforgeCommands(ObjectNode workflow) {
        return ShellCommands.mlforge(scripts(workflow));
    }

    private static String scripts(ObjectNode workflow) {
        StringBuilder scripts = new StringBuilder();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.has("run")) {
                scripts.append(step.path("run").asText()).append('\n');
            }
        }));
        return scripts.toString();
    }

    private static String stepRunning(JsonNode job, String text) {
        for (JsonNode step : job.path("steps")) {
            if (step.path("run").asText().contains(text)) {
                return step.path("run").asText();
            }
        }
        throw new AssertionError("no step runs " + text);
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }
}
