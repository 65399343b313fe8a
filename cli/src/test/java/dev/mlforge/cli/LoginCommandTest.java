package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.sdk.testing.ClientExtension;
import dev.mlforge.testing.ApplicationExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlforge login} against a server in basic mode: the token it stores (0600) is what later commands send. */
class LoginCommandTest {
    @TempDir
    Path home;

    @RegisterExtension
    final ClientExtension server = ClientExtension.of(ApplicationExtension.sqlite().withBasicAuth("admin", "admin-password-1"));

    @Test
    void login_stores_a_token_only_its_owner_can_read_and_later_commands_use_it() throws Exception {
        CliProcess.Result login = CliProcess.run(home, Map.of("HOME", home.toString(), "MLFLOW_TRACKING_USERNAME", "admin",
                "MLFLOW_TRACKING_PASSWORD", "admin-password-1"), "login", "--tracking-uri", server.baseUrl());

        assertThat(login.exitCode()).as(login.err()).isZero();
        Path credentials = home.resolve(".mlforge/credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(credentials)).contains("token=mlf_").doesNotContain("admin-password-1");

        CliProcess.Result list = CliProcess.run(home, Map.of("HOME", home.toString()), "experiments", "list",
                "--tracking-uri", server.baseUrl());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("Default");
    }

    @Test
    void without_login_the_same_command_is_refused() throws Exception {
        CliProcess.Result list = CliProcess.run(home, Map.of("HOME", home.toString()), "experiments", "list",
                "--tracking-uri", server.baseUrl());

        assertThat(list.exitCode()).isNotZero();
        assertThat(list.err()).contains("UNAUTHENTICATED");
    }

    @Test
    void a_wrong_password_stores_nothing() throws Exception {
        CliProcess.Result login = CliProcess.run(home, Map.of("HOME", home.toString(), "MLFLOW_TRACKING_USERNAME", "admin",
                "MLFLOW_TRACKING_PASSWORD", "wrong"), "login", "--tracking-uri", server.baseUrl());

        assertThat(login.exitCode()).isNotZero();
        assertThat(home.resolve(".mlforge/credentials")).doesNotExist();
    }
}
