package dev.mlforge.monitoring.testing;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.util.Map;

/** Reference data for monitors, stored the two ways users store it: a registered dataset version or a run artifact. */
public final class References {
    private References() {}

    /** Registers {@code csv} as the next version of the dataset {@code name}. */
    public static void registerDataset(ApplicationExtension server, String name, String csv) {
        server.http().send("POST", "/api/v1/datasets?name=" + name, "text/csv", csv).ok();
    }

    /** Creates a run, logs {@code csv} at its artifact {@code path}, and returns the run id. */
    public static String logRunArtifact(ApplicationExtension server, String path, String csv) {
        TestHttp http = server.http();
        String runId = http.post(LoggedModels.API + "runs/create", Map.of("experiment_id", "0")).ok().json()
                .at("/run/info/run_id").asText();
        http.upload("/api/2.0/mlflow-artifacts/artifacts/" + LoggedModels.artifactRoot(runId) + "/" + path,
                csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)).ok();
        return runId;
    }
}
