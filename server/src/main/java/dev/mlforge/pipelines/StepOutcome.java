package dev.mlforge.pipelines;

import java.util.Map;

/** How a step ended: succeeded (possibly from the cache), failed after its attempts, or skipped. */
public sealed interface StepOutcome {
    String step();

    StepState state();

    record Succeeded(String step, Map<String, StepValue> outputs, boolean cached, int attempts, String cacheKey,
            String trackingRunId) implements StepOutcome {
        @Override
        public StepState state() {
            return cached ? StepState.CACHED : StepState.SUCCEEDED;
        }

        public Object value(String output) {
            StepValue value = outputs.get(output);
            if (value == null) {
                return null;
            }
            return value instanceof StepValue.JsonValue json ? json.value() : ((StepValue.FileValue) value).path();
        }
    }

    record Failed(String step, String error, int attempts, String trackingRunId) implements StepOutcome {
        @Override
        public StepState state() {
            return StepState.FAILED;
        }
    }

    record Skipped(String step, String reason) implements StepOutcome {
        @Override
        public StepState state() {
            return StepState.SKIPPED;
        }
    }
}
