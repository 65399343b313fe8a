package dev.mlforge.cli;

import java.io.PrintWriter;

/** The demo's closing summary: where to find each thing it made, and the numbers it measured. */
record DemoSummary(DemoStages.Facts facts, String baseUrl, double seconds) {

    /** The web UI's page of the demo's experiment (its runs), served by the same server as the API. */
    static String dashboardUrl(String baseUrl, String experimentId) {
        String root = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return experimentId == null ? root + "/ui/experiments" : root + "/ui/experiments/" + experimentId;
    }

    void print(PrintWriter out) {
        out.println("[6/6] Summary");
        out.printf("  Pipeline run:   %s (%d child runs) in experiment %s, see %s/api/2.0/mlflow/runs/search%n",
                facts.pipelineRunId, facts.childRuns, facts.experimentId, baseUrl);
        out.printf("  Model version:  %s v%s (alias @%s, from run %s, %s)%n", DemoStages.MODEL, facts.modelVersion,
                DemoStages.ALIAS, facts.bestRunId, facts.bestTrainer);
        out.printf("  Deployment URL: %s%n", facts.deploymentUrl);
        out.printf("  Lineage:        %s, see %s/api/v1/lineage?dataset_digest=%s%n", facts.lineage, baseUrl, facts.datasetDigest);
        out.printf("  Accuracy:       %.3f (%d of %d predictions sent match their real labels)%n",
                DemoStages.accuracy(facts), facts.correct, facts.predictions);
        out.printf("  Drift verdict:  dataset drift %s, share %.2f (%d of %d columns), drifted columns %s%n",
                facts.drift.datasetDrift() ? "YES" : "no", facts.drift.driftShare(), facts.drift.driftedColumns(),
                facts.drift.columns().size(), facts.drift.columns().stream().filter(column -> column.drifted())
                        .map(column -> column.name()).toList());
        out.printf("  Monitor:        %s%n", facts.monitorVerdict);
        out.printf("  Drift report:   %s%n", facts.reportFile);
        out.printf("  Dashboard:      %s (the web UI: runs, compare, models, deployments, monitors)%n",
                dashboardUrl(baseUrl, facts.experimentId));
        out.printf("Demo done in %.1f s.%n", seconds);
    }
}
