package dev.mlforge.serving.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server supervises its Python workers: a worker killed with SIGKILL fails its in-flight request at once with
 * 503 and is replaced; a hung worker is killed at the request timeout (504) and replaced; stopping the server
 * leaves no worker process. The model is a classifier whose predict sleeps 60 s when the first feature is 999.
 */
class PythonWorkerSupervisionTest {
    private static final String INVOCATIONS = "/api/v1/deployments/slow/invocations";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().startOnFirstUse()
            .withConfig("serving.python.interpreter", SklearnModels.interpreter());

    private SklearnModels.Written deploySlowModel() {
        SklearnModels.Written model = SklearnModels.write("slow", server.dataDir(), null);
        LoggedModels models = new LoggedModels(server);
        String version = models.registerModel("slow", model.directory());
        TestHttp.Response deploy = models.deploy("slow", "models:/slow/" + version);
        assertThat(deploy.status()).as(deploy.body()).isEqualTo(200);
        return model;
    }

    private static Map<String, Object> hangingRequest(SklearnModels.Written model) {
        return Map.of("dataframe_split", Map.of("columns", model.columns(), "data", List.of(List.of(999, 1, 1, 1))));
    }

    @Test
    void a_worker_killed_during_a_request_fails_it_at_once_with_503_and_is_replaced() throws Exception {
        server.withConfig("serving.request-timeout", "30000");
        SklearnModels.Written model = deploySlowModel();
        List<Long> workers = SklearnModels.workerPids();
        assertThat(workers).hasSize(1);
        CompletableFuture<TestHttp.Response> inFlight = CompletableFuture.supplyAsync(
                () -> server.http().post(INVOCATIONS, hangingRequest(model)));
        Thread.sleep(1000);
        assertThat(inFlight).isNotDone();

        long killedAt = System.nanoTime();
        ProcessHandle.of(workers.get(0)).orElseThrow().destroyForcibly(); // SIGKILL
        TestHttp.Response failed = inFlight.get(10, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(5));
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.errorCode()).isEqualTo("TEMPORARILY_UNAVAILABLE");
        assertThat(failed.json().get("message").asText()).contains("died while predicting").contains("replaced");
        assertThat(answerOnceReplaced(model).get("predictions")).isEqualTo(model.predictions());
        assertThat(SklearnModels.workerPids()).hasSize(1).doesNotContain(workers.get(0));
    }

    @Test
    void a_hung_worker_is_killed_at_the_request_timeout_and_replaced() throws Exception {
        server.withConfig("serving.request-timeout", "3000");
        SklearnModels.Written model = deploySlowModel();
        List<Long> workers = SklearnModels.workerPids();

        long start = System.nanoTime();
        TestHttp.Response hung = server.http().post(INVOCATIONS, hangingRequest(model));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(hung.status()).isEqualTo(504);
        assertThat(hung.errorCode()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(hung.json().get("message").asText()).contains("serving.request-timeout").contains("killed");
        assertThat(ProcessHandle.of(workers.get(0)).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(answerOnceReplaced(model).get("predictions")).isEqualTo(model.predictions());
        assertThat(SklearnModels.workerPids()).hasSize(1).doesNotContain(workers.get(0));
    }

    @Test
    void stopping_the_server_leaves_no_worker_process() {
        server.withConfig("serving.python.workers", "2");
        deploySlowModel();
        List<ProcessHandle> workers = new ArrayList<>(SklearnModels.workers());
        assertThat(workers).hasSize(2);

        server.application().close();

        assertThat(workers).allSatisfy(worker -> assertThat(worker.isAlive()).isFalse());
        assertThat(SklearnModels.workers()).isEmpty();
    }

    @Test
    void an_interpreter_that_cannot_start_is_named_in_the_deploy_answer() {
        server.withConfig("serving.python.interpreter", "/nonexistent/python3");
        SklearnModels.Written model = SklearnModels.write("classifier", server.dataDir(), null);
        LoggedModels models = new LoggedModels(server);
        String version = models.registerModel("nopython", model.directory());

        TestHttp.Response deploy = models.deploy("nopython", "models:/nopython/" + version);

        assertThat(deploy.status()).isEqualTo(400);
        assertThat(deploy.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(deploy.json().get("message").asText()).contains("serving.python.interpreter");
        assertThat(server.http().get("/api/v1/deployments/nopython").status()).isEqualTo(404);
    }

    /** Predicts the held-out rows, retrying while the replacement worker still loads (503), for up to 60 s. */
    private JsonNode answerOnceReplaced(SklearnModels.Written model) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        TestHttp.Response response = server.http().post(INVOCATIONS, model.dataframeSplit());
        while (response.status() == 503 && System.nanoTime() < until) {
            Thread.sleep(200);
            response = server.http().post(INVOCATIONS, model.dataframeSplit());
        }
        return response.json(200);
    }
}
