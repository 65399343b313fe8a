package dev.mlforge.cli;

import dev.mlforge.api.serving.InferenceResponse;
import dev.mlforge.api.serving.InferenceTensor;
import dev.mlforge.api.serving.ModelMetadataResponse;
import dev.mlforge.api.serving.TensorMetadata;
import dev.mlforge.sdk.DeploymentsClient;
import dev.mlforge.sdk.MlforgeClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlforge deployments smoke-test NAME --input held_out.csv --label-column y ...}: sends each held-out row as
 * one Open Inference Protocol (V2) request, then checks accuracy, p95 latency and error rate against their budgets.
 * Exits 0 when every check passes, 1 when one fails (with a summary naming it), 2 on a bad file or option: a CI job
 * promotes on 0 and rolls back otherwise.
 */
@Command(name = "smoke-test", mixinStandardHelpOptions = true,
        description = {"Score a held-out file through the deployment's V2 inference route, one request per row, and check "
                + "accuracy, p95 latency and error rate against budgets.",
                "Exit status: 0 passed, 1 a check failed (or the server could not be reached), 2 bad file or options."})
final class SmokeTestCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "NAME", description = "The deployment name.")
    String name;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Held-out rows with their expected labels: CSV with a header line, or JSON Lines (.jsonl).")
    Path input;

    @Option(names = "--label-column", required = true, paramLabel = "COLUMN", description = "The column holding the expected label.")
    String labelColumn;

    @Option(names = "--min-accuracy", defaultValue = "0", paramLabel = "A",
            description = "Least share of rows whose prediction equals the label, 0 to 1 (default 0: not checked).")
    double minAccuracy;

    @Option(names = "--max-p95-ms", paramLabel = "MS", description = "Largest 95th percentile request latency in ms (default: not checked).")
    Double maxP95Ms;

    @Option(names = "--max-error-rate", defaultValue = "0", paramLabel = "R",
            description = "Largest share of requests that may fail, 0 to 1 (default 0: any failed request fails the test).")
    double maxErrorRate;

    @Option(names = "--model-version", paramLabel = "VERSION",
            description = "Send every request to this version of the deployment (e.g. its canary) instead of letting the traffic policy choose.")
    String modelVersion;

    @Option(names = "--output", paramLabel = "TENSOR",
            description = "The output tensor compared with the label (default: 'label' when the model has one, else its first output).")
    String output;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N", description = "Requests sent first and not counted (default 3).")
    int warmup;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        checkBudgets();
        HeldOutRows heldOut = HeldOutRows.read(input, labelColumn);
        DeploymentsClient deployments = options.client().deployments();
        ModelMetadataResponse metadata = deployments.modelMetadata(name, modelVersion);
        V2Rows requests = V2Rows.of(metadata, heldOut.featureColumns());
        for (int i = 0; i < Math.min(warmup, heldOut.rows().size()); i++) {
            send(deployments, requests.request(heldOut.rows().get(i)));
        }
        Outcome outcome = new Outcome();
        for (HeldOutRows.Row row : heldOut.rows()) {
            long start = System.nanoTime();
            Answer answer = send(deployments, requests.request(row));
            outcome.add(row, answer, (System.nanoTime() - start) / 1e6);
        }
        return report(outcome);
    }

    private void checkBudgets() {
        if (minAccuracy < 0 || minAccuracy > 1) {
            throw new IllegalArgumentException("--min-accuracy must be between 0 and 1, got " + minAccuracy);
        }
        if (maxErrorRate < 0 || maxErrorRate > 1) {
            throw new IllegalArgumentException("--max-error-rate must be between 0 and 1, got " + maxErrorRate);
        }
        if (maxP95Ms != null && maxP95Ms <= 0) {
            throw new IllegalArgumentException("--max-p95-ms must be positive, got " + maxP95Ms);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be 0 or more, got " + warmup);
        }
    }

    /** One request's answer: the predicted value and the version, or the error. */
    private record Answer(Object prediction, String version, String error) { }

    private Answer send(DeploymentsClient deployments, Map<String, Object> request) {
        try {
            InferenceResponse response = deployments.infer(name, modelVersion, request);
            return new Answer(prediction(response), response.modelVersion(), null);
        } catch (MlforgeClientException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("cannot connect")) {
                throw e;
            }
            return new Answer(null, null, e.getMessage());
        } catch (IllegalStateException e) {
            return new Answer(null, null, e.getMessage());
        }
    }

    /** The value of the chosen output for the one row sent: the value itself, or the arg-max of a score vector. */
    private Object prediction(InferenceResponse response) {
        List<InferenceTensor> outputs = response.outputs();
        if (outputs == null || outputs.isEmpty()) {
            throw new IllegalStateException("the answer has no outputs");
        }
        String wanted = output != null ? output
                : outputs.stream().anyMatch(t -> t.name().equals("label")) ? "label" : outputs.get(0).name();
        InferenceTensor tensor = outputs.stream().filter(t -> t.name().equals(wanted)).findFirst().orElseThrow(
                () -> new IllegalStateException("the answer has no output '" + wanted + "' (it has "
                        + outputs.stream().map(InferenceTensor::name).toList() + ")"));
        List<?> values = tensor.data() instanceof List<?> list ? list : List.of(tensor.data());
        if (values.size() == 1) {
            return values.get(0);
        }
        int best = 0;
        for (int i = 1; i < values.size(); i++) {
            if (((Number) values.get(i)).doubleValue() > ((Number) values.get(best)).doubleValue()) {
                best = i;
            }
        }
        return best;
    }

    /** What the counted requests gave. */
    private static final class Outcome {
        final List<Double> latencies = new ArrayList<>();
        final Map<String, Integer> versions = new TreeMap<>();
        final Map<String, Integer> errors = new LinkedHashMap<>();
        int correct;
        int failed;

        void add(HeldOutRows.Row row, Answer answer, double latencyMs) {
            latencies.add(latencyMs);
            if (answer.error() != null) {
                failed++;
                errors.merge(answer.error(), 1, Integer::sum);
                return;
            }
            versions.merge(String.valueOf(answer.version()), 1, Integer::sum);
            if (same(answer.prediction(), row.label())) {
                correct++;
            }
        }

        int requests() {
            return latencies.size();
        }

        double accuracy() {
            return (double) correct / requests();
        }

        double errorRate() {
            return (double) failed / requests();
        }

        double p95() {
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
        }
    }

    /** Numbers compare by value (2 equals 2.0), anything else by its text. */
    static boolean same(Object predicted, Object expected) {
        if (predicted instanceof Number p && expected instanceof Number e) {
            return p.doubleValue() == e.doubleValue();
        }
        if (predicted instanceof Number p && expected instanceof String e) {
            try {
                return p.doubleValue() == Double.parseDouble(e);
            } catch (NumberFormatException notANumber) {
                return false;
            }
        }
        return String.valueOf(predicted).equals(String.valueOf(expected));
    }

    private int report(Outcome outcome) {
        List<String> failures = new ArrayList<>();
        boolean accuracyOk = outcome.accuracy() >= minAccuracy;
        boolean latencyOk = maxP95Ms == null || outcome.p95() <= maxP95Ms;
        boolean errorsOk = outcome.errorRate() <= maxErrorRate;
        if (!accuracyOk) {
            failures.add(String.format(Locale.ROOT, "accuracy %.4f is below %s", outcome.accuracy(), number(minAccuracy)));
        }
        if (!latencyOk) {
            failures.add(String.format(Locale.ROOT, "p95 latency %.1f ms is above %s ms", outcome.p95(), number(maxP95Ms)));
        }
        if (!errorsOk) {
            failures.add(String.format(Locale.ROOT, "error rate %.4f (%d of %d requests failed) is above %s",
                    outcome.errorRate(), outcome.failed, outcome.requests(), number(maxErrorRate)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("deployment", name);
            json.put("passed", failures.isEmpty());
            json.put("requests", outcome.requests());
            json.put("accuracy", outcome.accuracy());
            json.put("p95_ms", outcome.p95());
            json.put("error_rate", outcome.errorRate());
            json.put("versions", outcome.versions);
            json.put("errors", outcome.errors);
            json.put("failures", failures);
            ClientOptions.printJson(out, json);
        } else {
            out.println("Smoke test of deployment " + name + (modelVersion == null ? "" : " version " + modelVersion) + ": "
                    + outcome.requests() + " requests from " + input.getFileName());
            new Table("CHECK", "VALUE", "BUDGET", "RESULT")
                    .row("accuracy", String.format(Locale.ROOT, "%.4f", outcome.accuracy()),
                            minAccuracy > 0 ? ">= " + number(minAccuracy) : "-", accuracyOk ? "pass" : "FAIL")
                    .row("p95 latency ms", String.format(Locale.ROOT, "%.1f", outcome.p95()),
                            maxP95Ms == null ? "-" : "<= " + number(maxP95Ms), latencyOk ? "pass" : "FAIL")
                    .row("error rate", String.format(Locale.ROOT, "%.4f", outcome.errorRate()), "<= " + number(maxErrorRate),
                            errorsOk ? "pass" : "FAIL")
                    .print(out);
            out.println("answered by version: " + (outcome.versions.isEmpty() ? "none"
                    : outcome.versions.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList()
                            .toString().replaceAll("[\\[\\]]", "")));
            outcome.errors.entrySet().stream().limit(3).forEach(e -> out.println("error x" + e.getValue() + ": " + e.getKey()));
            out.println(failures.isEmpty() ? "PASSED" : "FAILED: " + String.join("; ", failures));
            out.flush();
        }
        return failures.isEmpty() ? 0 : 1;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }

    /**
     * How a row becomes a V2 request, from the model's input tensors: one tensor per column when the model names its
     * inputs after the file's columns (a column-based MLflow signature), else one {@code [1, n]} tensor of the
     * features in file order when the model has a single input.
     */
    record V2Rows(List<TensorMetadata> inputs, List<String> columns, boolean byColumn) {
        static V2Rows of(ModelMetadataResponse metadata, List<String> columns) {
            List<TensorMetadata> inputs = metadata.inputs() == null ? List.of() : metadata.inputs();
            List<String> names = inputs.stream().map(TensorMetadata::name).toList();
            if (!inputs.isEmpty() && columns.containsAll(names)) {
                return new V2Rows(inputs, columns, true);
            }
            if (inputs.size() <= 1) {
                return new V2Rows(inputs, columns, false);
            }
            throw new IllegalArgumentException("the model's inputs " + names + " are not columns of the file " + columns);
        }

        Map<String, Object> request(HeldOutRows.Row row) {
            List<Map<String, Object>> tensors = new ArrayList<>();
            if (byColumn) {
                for (TensorMetadata spec : inputs) {
                    Object value = row.features().get(spec.name());
                    tensors.add(tensor(spec.name(), datatype(spec, value), new long[] {1}, List.of(value)));
                }
            } else {
                List<Object> values = columns.stream().map(row.features()::get).toList();
                TensorMetadata spec = inputs.isEmpty() ? null : inputs.get(0);
                tensors.add(tensor(spec == null ? "input" : spec.name(), datatype(spec, values.get(0)),
                        new long[] {1, values.size()}, values));
            }
            return Map.of("inputs", tensors);
        }

        private static Map<String, Object> tensor(String name, String datatype, long[] shape, List<Object> data) {
            Map<String, Object> tensor = new LinkedHashMap<>();
            tensor.put("name", name);
            tensor.put("shape", Arrays.stream(shape).boxed().toList());
            tensor.put("datatype", datatype);
            tensor.put("data", data);
            return tensor;
        }

        private static String datatype(TensorMetadata spec, Object value) {
            if (spec != null && spec.datatype() != null && !spec.datatype().isEmpty()) {
                return spec.datatype();
            }
            return value instanceof Number ? "FP64" : value instanceof Boolean ? "BOOL" : "BYTES";
        }
    }
}
