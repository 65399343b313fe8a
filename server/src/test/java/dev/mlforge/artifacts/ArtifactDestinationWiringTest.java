package dev.mlforge.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The application stores artifacts where {@code artifacts-destination} says, not in the data dir. */
class ArtifactDestinationWiringTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("artifacts-destination", dataDir -> dataDir.resolve("elsewhere").toUri().toString());

    @Test
    void stores_uploads_in_the_configured_destination() {
        assertThat(server.http().send("PUT", "/api/2.0/mlflow-artifacts/artifacts/x.bin", null, "x").status()).isEqualTo(200);
        assertThat(server.dataDir().resolve("elsewhere/x.bin")).hasContent("x");
        assertThat(server.dataDir().resolve("artifacts/x.bin")).doesNotExist();
    }
}
