package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The entry point builds only the subcommand it runs, and still knows every command for help. */
class MainTest {
    @Test
    void a_named_subcommand_is_the_only_one_built() {
        assertThat(Main.commandLine("server").getSubcommands()).containsOnlyKeys("server");
        assertThat(Main.commandLine("experiments").getSubcommands()).containsOnlyKeys("experiments");
    }

    @Test
    void help_options_and_unknown_commands_get_every_subcommand() {
        for (String first : new String[] {null, "--help", "help", "nosuch"}) {
            assertThat(Main.commandLine(first).getSubcommands()).as(first)
                    .containsKeys("server", "experiments", "runs", "artifacts", "models", "drift", "pipelines", "demo", "help");
        }
    }

    @Test
    void help_for_a_subcommand_prints_that_subcommands_usage() {
        CommandLine commandLine = Main.commandLine("help");
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        assertThat(commandLine.execute("help", "server")).isZero();
        assertThat(out.toString()).contains("Usage: mlforge server", "--data-dir");
    }

    @Test
    void help_for_a_nested_subcommand_prints_that_subcommands_usage() {
        CliFixture.Result result = CliFixture.runRaw("help", "pipelines", "run");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: mlforge pipelines run").contains("--local", "--param");

        CliFixture.Result misspelt = CliFixture.runRaw("help", "pipelines", "rn");
        assertThat(misspelt.exitCode()).isEqualTo(2);
        assertThat(misspelt.err()).contains("'rn'").contains("Did you mean mlforge pipelines run?");
    }

    @Test
    void a_misspelt_option_gets_the_nearest_option_and_no_usage_dump() {
        CliFixture.Result result = CliFixture.runRaw("drift", "--fromat", "json", "--reference", "a.csv", "--current", "b.csv");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines().toList()).containsExactly(
                "Unknown options: '--fromat', 'json'", "Did you mean --format?", "See 'mlforge drift --help'.");

        assertThat(CliFixture.runRaw("models", "list", "--jsno").err()).contains("Did you mean --json?");
        assertThat(CliFixture.runRaw("experiments", "lst").err()).contains("Did you mean mlforge experiments list?");
    }
}
