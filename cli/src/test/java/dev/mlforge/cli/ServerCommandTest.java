package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlforge server} that cannot start says why in one line and leaves nothing behind. */
class ServerCommandTest {
    @TempDir
    Path tmp;

    @Test
    void a_busy_port_is_one_line_and_creates_no_data_dir() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();

            CliProcess.Result result = CliProcess.run(tmp, Map.of(), "server", "--port", String.valueOf(port),
                    "--data-dir", "data");

            assertThat(result.exitCode()).isNotZero();
            assertThat(result.err()).isEqualTo("mlforge: port " + port + " on 127.0.0.1 is already in use" + System.lineSeparator());
            assertThat(result.out()).isEmpty();
            assertThat(tmp.resolve("data")).doesNotExist();
        }
    }

    @Test
    void a_busy_grpc_port_is_one_line_naming_that_port_and_its_key() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();

            CliProcess.Result result = CliProcess.run(tmp, Map.of("MLFORGE_GRPC_PORT", String.valueOf(port)),
                    "server", "--port", "0", "--data-dir", "data");

            assertThat(result.exitCode()).isNotZero();
            assertThat(result.err()).isEqualTo("mlforge: gRPC port " + port + " on 127.0.0.1 is already in use: set "
                    + "grpc-port to a free port, or -1 to turn gRPC off" + System.lineSeparator());
            assertThat(tmp.resolve("data")).doesNotExist();
        }
    }

    @Test
    void an_unreachable_postgresql_is_one_line_naming_the_uri_without_its_password() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String uri = "postgresql://u:secret@127.0.0.1:" + closedPort + "/db";

        CliProcess.Result result = CliProcess.run(tmp, Map.of(), "server", "--port", "0", "--data-dir", "data",
                "--backend-store-uri", uri);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).startsWith("mlforge: cannot use the database postgresql://u:***@127.0.0.1:" + closedPort + "/db: ")
                .doesNotContain("secret");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void an_existing_data_dir_is_kept_when_the_start_fails() throws Exception {
        Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data/keep.txt"), "mine");

        CliProcess.Result result = CliProcess.run(tmp, Map.of(), "server", "--port", "0", "--data-dir", "data",
                "--backend-store-uri", "postgresql://u:pw@127.0.0.1:1/db");

        assertThat(result.exitCode()).isNotZero();
        assertThat(tmp.resolve("data/keep.txt")).hasContent("mine");
    }

    @Test
    void an_unknown_environment_variable_stops_the_server_with_the_nearest_key() throws Exception {
        CliProcess.Result result = CliProcess.run(tmp, Map.of("MLFORGE_PIPELINES_BASEDIR", "x"), "server", "--port", "0",
                "--data-dir", "data");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("error: unknown environment variable MLFORGE_PIPELINES_BASEDIR; "
                + "did you mean MLFORGE_PIPELINES_BASE_DIR (key 'pipelines.base-dir')?");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void without_authentication_a_non_loopback_bind_is_refused_with_the_way_out() throws Exception {
        CliProcess.Result result = CliProcess.run(tmp, Map.of(), "server", "--host", "0.0.0.0", "--port", "0",
                "--data-dir", "data");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("Refusing to listen on 0.0.0.0 without authentication (auth.mode=none)")
                .contains("--auth basic").contains("auth.allow-unauthenticated-remote=true");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void basic_auth_without_a_first_administrator_is_refused_as_there_is_no_default_password() throws Exception {
        CliProcess.Result result = CliProcess.run(tmp, Map.of(), "server", "--auth", "basic", "--port", "0",
                "--data-dir", "data");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("MLFORGE_ADMIN_USERNAME").contains("MLFORGE_ADMIN_PASSWORD")
                .contains("no default password");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void passwords_are_hidden_in_database_uris() {
        assertThat(StartFailure.withoutPassword("postgresql://u:s3cr@t@db:5432/x")).isEqualTo("postgresql://u:***@db:5432/x");
        assertThat(StartFailure.withoutPassword("jdbc:postgresql://db/x?user=u&password=s3&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=u&password=***&ssl=true");
        assertThat(StartFailure.withoutPassword("postgresql://u@db/x")).isEqualTo("postgresql://u@db/x");
    }
}
