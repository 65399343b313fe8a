package dev.mlforge.pipelines;

import java.util.Map;

/** A run marked RUNNING in the store: its trigger, and the pipeline source and params to run it again. */
record RunningRun(String runId, String trigger, String definition, Map<String, String> params, String workspace) {}
