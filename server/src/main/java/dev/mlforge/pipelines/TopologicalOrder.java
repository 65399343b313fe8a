package dev.mlforge.pipelines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Orders steps so that each comes after everything it depends on (Kahn's algorithm, stable); refuses cycles. */
final class TopologicalOrder {
    private TopologicalOrder() {}

    static List<StepDefinition> sort(List<StepDefinition> steps) {
        Map<String, StepDefinition> remaining = new LinkedHashMap<>();
        steps.forEach(step -> remaining.put(step.name(), step));
        List<StepDefinition> ordered = new ArrayList<>();
        while (!remaining.isEmpty()) {
            StepDefinition ready = remaining.values().stream()
                    .filter(step -> step.upstream().stream().noneMatch(remaining::containsKey))
                    .findFirst().orElse(null);
            if (ready == null) {
                throw PipelineParser.error("the steps form a cycle among " + remaining.keySet());
            }
            ordered.add(ready);
            remaining.remove(ready.name());
        }
        return ordered;
    }
}
