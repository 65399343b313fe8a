package dev.mlforge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit writer batches, so records of answered requests may still be queued when the server stops: stopping
 * writes them all before the store closes, and concurrent writers still make one unbroken chain.
 */
class AuditDurabilityTest {
    private static final int REQUESTS = 300;

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            // A long batch delay keeps the last records queued when the server is stopped.
            .withConfig("audit.max-batch-delay-ms", "1000");

    @Test
    void records_of_answered_requests_are_written_when_the_server_stops() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String body = "{\"name\": \"exp-" + i + "\"}";
                sent.add(clients.submit(() -> server.http().post("/api/2.0/mlflow/experiments/create", body).ok()));
            }
            for (Future<?> request : sent) {
                request.get();
            }
        } finally {
            clients.shutdown();
        }

        server.restart();

        AuditVerification verdict = server.application().audit().service().verify();
        assertThat(verdict.valid()).as(verdict.reason()).isTrue();
        assertThat(verdict.recordsChecked()).isEqualTo(REQUESTS);
        assertThat(server.http().get("/api/v1/audit?action=experiments/create&max_results=1000").json(200)
                .path("records").size()).isEqualTo(REQUESTS);
    }
}
