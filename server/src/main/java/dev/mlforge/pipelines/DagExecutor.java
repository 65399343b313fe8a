package dev.mlforge.pipelines;

import dev.mlforge.datasets.MlflowDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;

/**
 * Runs a pipeline's steps as a DAG on a bounded pool: a step starts as soon as everything it depends on has
 * succeeded, so independent steps run in parallel. A failed step skips its dependants (transitively) while
 * unrelated branches go on; a false {@code when} condition skips the step the same way.
 */
final class DagExecutor {
    private final ExecutorService workers;
    private final StepRunner runner;

    DagExecutor(ExecutorService workers, StepRunner runner) {
        this.workers = workers;
        this.runner = runner;
    }

    /** Runs every step; returns the outcomes in the definition's (topological) order. */
    List<StepOutcome> execute(PipelineDefinition definition, RunInProgress run) throws InterruptedException {
        Map<String, StepOutcome> outcomes = new HashMap<>();
        Set<String> pending = new LinkedHashSet<>();
        definition.steps().forEach(step -> {
            pending.add(step.name());
            run.emit(step.name(), StepState.PENDING, 0, null);
        });
        ExecutorCompletionService<StepOutcome> completion = new ExecutorCompletionService<>(workers);
        int running = 0;
        while (true) {
            running += startReadySteps(definition, run, pending, outcomes, completion);
            if (running == 0) {
                break;
            }
            StepOutcome done;
            try {
                done = completion.take().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("A step runner failed unexpectedly", e.getCause());
            }
            outcomes.put(done.step(), done);
            running--;
        }
        List<StepOutcome> ordered = new ArrayList<>();
        definition.steps().forEach(step -> ordered.add(outcomes.get(step.name())));
        return ordered;
    }

    private int startReadySteps(PipelineDefinition definition, RunInProgress run, Set<String> pending,
            Map<String, StepOutcome> outcomes, ExecutorCompletionService<StepOutcome> completion) {
        int started = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String name : List.copyOf(pending)) {
                StepDefinition step = definition.step(name);
                if (!outcomes.keySet().containsAll(step.upstream())) {
                    continue;
                }
                pending.remove(name);
                changed = true;
                String skipReason = skipReason(step, outcomes);
                if (skipReason != null) {
                    outcomes.put(name, new StepOutcome.Skipped(name, skipReason));
                    run.emit(name, StepState.SKIPPED, 0, skipReason);
                    continue;
                }
                Map<String, StepValue> inputs = new LinkedHashMap<>();
                String inputError = collectInputs(step, outcomes, inputs);
                if (inputError != null) {
                    outcomes.put(name, new StepOutcome.Failed(name, inputError, 0, null));
                    run.emit(name, StepState.FAILED, 0, inputError);
                    continue;
                }
                List<MlflowDataset> datasets = DatasetLineage.upstreamOf(definition, step, outcomes);
                completion.submit(() -> safely(run, step, inputs, datasets));
                started++;
            }
        }
        return started;
    }

    private StepOutcome safely(RunInProgress run, StepDefinition step, Map<String, StepValue> inputs,
            List<MlflowDataset> datasets) {
        try {
            return runner.run(run, step, inputs, datasets);
        } catch (RuntimeException e) {
            run.emit(step.name(), StepState.FAILED, 0, e.toString());
            return new StepOutcome.Failed(step.name(), e.toString(), 0, null);
        }
    }

    private static String skipReason(StepDefinition step, Map<String, StepOutcome> outcomes) {
        for (String upstream : step.upstream()) {
            StepOutcome outcome = outcomes.get(upstream);
            if (outcome instanceof StepOutcome.Failed) {
                return "upstream step '" + upstream + "' failed";
            }
            if (outcome instanceof StepOutcome.Skipped) {
                return "upstream step '" + upstream + "' was skipped";
            }
        }
        if (step.when() != null) {
            Object condition = ((StepOutcome.Succeeded) outcomes.get(step.when().step())).value(step.when().output());
            if (!(Boolean.TRUE.equals(condition) || "true".equals(condition))) {
                return "condition " + step.when() + " is " + condition;
            }
        }
        return null;
    }

    private static String collectInputs(StepDefinition step, Map<String, StepOutcome> outcomes, Map<String, StepValue> inputs) {
        for (Map.Entry<String, OutputReference> input : step.inputs().entrySet()) {
            StepOutcome.Succeeded source = (StepOutcome.Succeeded) outcomes.get(input.getValue().step());
            StepValue value = source.outputs().get(input.getValue().output());
            if (value == null) {
                return "input '" + input.getKey() + "': step '" + source.step() + "' has no output '" + input.getValue().output()
                        + "' (it produced " + source.outputs().keySet() + ")";
            }
            inputs.put(input.getKey(), value);
        }
        return null;
    }
}
