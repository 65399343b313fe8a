package dev.mlforge.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The recorded MLflow 3.11 client tracing session (see {@link MlflowClientSessionTest}) on embedded PostgreSQL. */
class MlflowClientSessionOnPostgresTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.postgres();

    @Test
    void the_mlflow_3_11_client_tracing_session_gets_mlflow_3_11_answers_on_postgresql() throws Exception {
        var exchanges = ClientSessionReplay.load(MlflowClientSessionTest.SESSION);
        assertThat(ClientSessionReplay.replay(server.http(), exchanges)).isEqualTo(exchanges.size() - 1);
    }
}
