package dev.mlforge.pipelines;

/** A reference {@code step.output} to an output of another step. */
public record OutputReference(String step, String output) {
    @Override
    public String toString() {
        return step + "." + output;
    }
}
