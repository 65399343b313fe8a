package dev.mlforge.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.store.TestDatabases;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recording a deployment of a version takes the version's row lock before touching its deployment rows, the order a
 * version deletion takes them in (the version, then the rows its cascade deletes). Two replicas, one recording a
 * deployment while the other deleted the version, used to deadlock, and PostgreSQL aborted the deletion with a 500.
 */
class LineageLocksOnPostgresTest {
    @RegisterExtension
    static final TestDatabases db = TestDatabases.postgres();

    @Test
    void a_deployment_recorded_while_its_version_is_being_deleted_waits_for_the_deletion_and_finds_no_version() throws Exception {
        JdbiRegistryStore registry = new JdbiRegistryStore(db.database());
        JdbiLineageStore lineage = new JdbiLineageStore(db.database());
        registry.createModel("iris", null, Map.of(), "alice", 1L);
        registry.createVersion(new NewVersion("iris", "runs:/r1/model", "runs:/r1/model", "r1", null, null, "alice", Map.of(),
                null, null, null, List.of(), List.of(), 2L, null, false));
        lineage.recordDeployment("iris", 1, "staged", 3L);

        try (Handle deletion = db.database().jdbi().open()) {
            deletion.begin();
            deletion.execute("DELETE FROM model_versions WHERE version = 1");
            CompletableFuture<Void> recording = CompletableFuture.runAsync(() -> lineage.recordDeployment("iris", 1, "staged", 4L));
            Thread.sleep(300);
            assertThat(recording).as("the recording waits for the version's lock").isNotDone();
            deletion.commit();

            Throwable failure = catchThrowable(() -> recording.get(10, TimeUnit.SECONDS));
            assertThat(failure).hasCauseInstanceOf(MlforgeException.class);
            assertThat(failure.getCause()).hasMessageContaining("Model Version (name=iris, version=1) not found");
        }
        assertThat(lineage.deployments("iris", 1)).isEmpty();
    }
}
