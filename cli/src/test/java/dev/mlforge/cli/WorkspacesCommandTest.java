package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.sdk.testing.ClientExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code mlforge workspaces ...} and the {@code --workspace} every client command takes, against a real server. */
class WorkspacesCommandTest {
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    private final CliFixture cli = new CliFixture(server);

    @Test
    void creates_a_workspace_manages_its_members_and_lists_it() {
        assertThat(cli.run("workspaces", "create", "cli-team", "--description", "from the CLI").out())
                .contains("Created workspace cli-team");
        assertThat(cli.run("workspaces", "set-member", "cli-team", "carol", "EDIT").out()).contains("carol holds EDIT in cli-team");

        assertThat(cli.run("workspaces", "members", "cli-team").out()).contains("carol", "EDIT");
        assertThat(cli.run("workspaces", "list").out()).contains("default", "cli-team", "from the CLI");
        assertThat(cli.run("workspaces", "remove-member", "cli-team", "carol").exitCode()).isZero();
        assertThat(cli.run("workspaces", "members", "cli-team").out()).doesNotContain("carol");
        assertThat(cli.run("workspaces", "create", "Bad_Name").exitCode()).isNotZero();
    }

    @Test
    void the_workspace_option_scopes_what_a_command_creates_and_lists() {
        cli.run("workspaces", "create", "cli-lab");
        String id = cli.run("experiments", "create", "lab-only", "--workspace", "cli-lab").out().strip();

        assertThat(cli.run("experiments", "list", "--workspace", "cli-lab").out()).contains("lab-only").doesNotContain("Default");
        assertThat(cli.run("experiments", "list").out()).contains("Default").doesNotContain("lab-only");
        assertThat(cli.client().experiments().getByName("lab-only")).isEmpty();
        assertThat(id).isNotEmpty();
    }
}
