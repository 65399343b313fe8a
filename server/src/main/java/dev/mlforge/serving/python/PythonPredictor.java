package dev.mlforge.serving.python;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.DataType;
import dev.mlforge.serving.ModelSignature;
import dev.mlforge.serving.Predictor;
import dev.mlforge.serving.Tensor;
import dev.mlforge.serving.TensorSpec;
import dev.mlforge.models.MlModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A {@code python_function} model (sklearn, xgboost, custom pyfunc) served by supervised Python worker processes:
 * each batch of the model's batching queue is one call to one worker over a binary channel. Its own signature is
 * one FP64 input {@code [-1, features]} and the outputs the worker found by a first prediction (a custom model's,
 * which the worker does not call on made-up rows, those its MLflow signature declares); the MLflow signature narrows
 * the inputs around this predictor.
 */
public final class PythonPredictor implements Predictor {
    static final String INPUT = "input";
    /** The name the worker gives what {@code predict} returns when it is not a DataFrame or a dict. */
    private static final String PREDICTIONS = "predictions";

    private final WorkerPool pool;
    private final ModelSignature signature;
    private final int workers;
    private volatile boolean answersDict;

    private PythonPredictor(WorkerPool pool, ModelSignature signature, int workers) {
        this.pool = pool;
        this.signature = signature;
        this.workers = workers;
    }

    /** True when the model's {@code python_function} flavor names a loader the workers support. */
    public static boolean supports(MlModel mlmodel) {
        return PythonModelSpec.supports(mlmodel);
    }

    /**
     * Starts the model's workers and waits until they have loaded it. When the interpreter lacks some of the model's
     * packages and {@code environments} may build, the workers run in an environment built from the model's
     * requirements instead. INVALID_PARAMETER_VALUE naming the cause (missing packages, interpreter, load error)
     * when they cannot.
     */
    public static PythonPredictor load(Path directory, MlModel mlmodel, PythonConfig config, PythonEnvironments environments) {
        PythonModelSpec spec = PythonModelSpec.read(directory, mlmodel);
        String label = "the " + spec.loader() + " model";
        WorkerPool pool;
        try {
            pool = pool(config, config.interpreter(), spec, label);
        } catch (MissingPythonPackages e) {
            if (!environments.enabled()) {
                throw MlforgeException.invalidParameter(e.getMessage() + "; install them there, or set "
                        + "serving.python.environments=auto to build an environment from the model's requirements");
            }
            String interpreter = environments.interpreterFor(Requirements.specifiers(directory), e.missing(), label);
            pool = pool(config, interpreter, spec, label);
        }
        return new PythonPredictor(pool, signature(pool.any().ready().description(), mlmodel), config.workers());
    }

    /** Starts the workers on {@code interpreter}; a pool that cannot start stops its watchdog with its workers. */
    private static WorkerPool pool(PythonConfig config, String interpreter, PythonModelSpec spec, String label) {
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1,
                DaemonThreads.named("mlforge-python-watchdog"));
        watchdog.setRemoveOnCancelPolicy(true); // a guard per call, cancelled at once: never let them pile up
        Path script = WorkerScript.path();
        String argument = spec.argument();
        return new WorkerPool(label, config.workers(), config.callTimeout(), watchdog,
                () -> PythonWorker.start(config, interpreter, script, argument, label, watchdog));
    }

    private static ModelSignature signature(JsonNode description, MlModel mlmodel) {
        long features = description.path("n_features").isNumber() ? description.get("n_features").asLong() : -1;
        List<TensorSpec> outputs = new ArrayList<>();
        for (JsonNode output : description.path("outputs")) {
            List<Long> shape = new ArrayList<>();
            output.path("shape").forEach(dim -> shape.add(dim.asLong()));
            outputs.add(new TensorSpec(output.path("name").asText(), DataType.valueOf(output.path("datatype").asText()),
                    shape, true));
        }
        if (outputs.isEmpty()) {
            outputs.addAll(declaredOutputs(mlmodel));
        }
        if (outputs.isEmpty()) {
            outputs.add(new TensorSpec(PREDICTIONS, DataType.FP64, List.of(-1L), true));
        }
        return new ModelSignature("python_function", List.of(new TensorSpec(INPUT, DataType.FP64, List.of(-1L, features), true)),
                outputs, List.of());
    }

    /**
     * The outputs the MLflow signature declares, named as the worker names them: a DataFrame's columns and a dict's
     * keys by their names, one unnamed output {@code predictions}; empty when there is no signature or one of them
     * has no datatype here.
     */
    private static List<TensorSpec> declaredOutputs(MlModel mlmodel) {
        JsonNode declared;
        try {
            JsonNode signature = mlmodel.signature();
            declared = signature == null ? null : signature.path("outputs");
        } catch (MlforgeException e) {
            return List.of();
        }
        if (declared == null || !declared.isArray() || declared.isEmpty()) {
            return List.of();
        }
        List<TensorSpec> outputs = new ArrayList<>();
        for (JsonNode output : declared) {
            boolean tensor = "tensor".equals(output.path("type").asText());
            DataType datatype = DataType.ofMlflow(tensor ? output.path("tensor-spec").path("dtype").asText()
                    : output.path("type").asText());
            String name = output.hasNonNull("name") ? output.get("name").asText() : declared.size() == 1 ? PREDICTIONS : null;
            if (datatype == null || name == null) {
                return List.of();
            }
            List<Long> shape = new ArrayList<>();
            output.path("tensor-spec").path("shape").forEach(dim -> shape.add(dim.asLong()));
            outputs.add(new TensorSpec(name, datatype, shape.isEmpty() ? List.of(-1L) : shape, true));
        }
        return outputs;
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        PythonWorker.Answer answer = pool.predict(inputs);
        answersDict = answer.dict();
        return answer.outputs();
    }

    /** As the model's last answer was: a dict of arrays (a custom model's {@code predict} may return one) or rows. */
    @Override
    public boolean answersDict() {
        return answersDict;
    }

    /** One call per worker at once: the batching queue runs that many batches in parallel. */
    @Override
    public int concurrency() {
        return workers;
    }

    /** The process ids of the live workers. */
    public List<Long> workerPids() {
        return pool.pids();
    }

    @Override
    public void close() {
        pool.close();
    }
}
