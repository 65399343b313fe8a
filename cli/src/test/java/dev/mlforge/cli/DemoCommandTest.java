package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlforge demo}'s failure paths and options; the whole demo runs in {@code e2e}'s DemoE2ETest. */
class DemoCommandTest {
    @TempDir
    Path tmp;

    private CliFixture.Result result;

    private int run(String... args) {
        result = CliFixture.runRaw(args);
        return result.exitCode();
    }

    @Test
    void fails_with_a_clear_message_and_exit_1_when_the_embedded_server_cannot_start() throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "x");

        int exit = run("demo", "--data-dir", notADirectory.toString(), "--port", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(result.err()).startsWith("mlforge demo failed: the embedded server did not start: ")
                .contains(notADirectory.toString());
        assertThat(result.out()).doesNotContain("[1/6]");
    }

    @Test
    void prefers_port_5000_only_when_it_is_free() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(DemoCommand.freeOr(taken.getLocalPort())).isZero();
        }
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        assertThat(DemoCommand.freeOr(free)).isEqualTo(free);
    }

    @Test
    void counts_the_runs_nested_under_the_pipeline_run_at_any_depth_and_no_others() throws IOException {
        JsonNode runs = Json.mapper().readTree("""
                [{"info": {"run_id": "parent"}, "data": {"tags": []}},
                 {"info": {"run_id": "step"}, "data": {"tags": [{"key": "mlflow.parentRunId", "value": "parent"}]}},
                 {"info": {"run_id": "trial"}, "data": {"tags": [{"key": "mlflow.parentRunId", "value": "step"}]}},
                 {"info": {"run_id": "earlier-step"}, "data": {"tags": [{"key": "mlflow.parentRunId", "value": "earlier"}]}}]
                """);

        assertThat(DemoStages.descendants(runs, "parent")).isEqualTo(2);
    }

    @Test
    void help_lists_the_demo_options() {
        int exit = run("demo", "--help");

        assertThat(exit).isZero();
        assertThat(result.out()).contains("--keep-running", "--data-dir", "--port");
    }
}
