package dev.mlforge.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MLflow 3.11 Python client's tracing session, recorded against MLflow 3.11's server: an {@code @mlflow.trace}
 * function of two spans (StartTraceV3, OTLP protobuf export to {@code /v1/traces}, the traces.json upload),
 * {@code get_trace}, {@code search_traces} with tag and status filters, trace tags, {@code log_feedback},
 * {@code log_expectation}, assessment get/update/delete and {@code delete_traces}; replayed here over HTTP, every
 * answer checked against MLflow's.
 */
class MlflowClientSessionTest {
    static final String SESSION = "/golden/traces/mlflow-3.11-client-session.jsonl";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    @Test
    void the_mlflow_3_11_client_tracing_session_gets_mlflow_3_11_answers() throws Exception {
        var exchanges = ClientSessionReplay.load(SESSION);
        assertThat(ClientSessionReplay.replay(server.http(), exchanges)).isEqualTo(exchanges.size() - 1);
    }
}
