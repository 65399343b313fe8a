package dev.mlforge.bench.serving;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.events.InProcessEventBus;
import dev.mlforge.serving.DataType;
import dev.mlforge.serving.DeploymentRecorder;
import dev.mlforge.serving.InferenceResult;
import dev.mlforge.serving.InferenceService;
import dev.mlforge.serving.PredictorProviders;
import dev.mlforge.serving.ResolvedModel;
import dev.mlforge.serving.Serving;
import dev.mlforge.serving.ServingConfig;
import dev.mlforge.serving.Tensor;
import dev.mlforge.serving.TrafficPolicy;
import dev.mlforge.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The platform's in-process cost per request: {@code platform} is InferenceService.infer (deployment lookup,
 * policy, signature check, queue hand-off to the model worker, metrics, sampled prediction log) on the iris model;
 * {@code onnxRuntimeOnly} is the same model call made directly. The difference is the overhead (HTTP and JSON excluded).
 * The model path comes from {@code -Dbench.model=...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlatformOverheadBenchmark {
    private static final float[] ROW = {6.2f, 2.8f, 4.8f, 1.8f};

    private Database database;
    private InProcessEventBus events;
    private Serving serving;
    private InferenceService inference;
    private List<Tensor> inputs;
    private OrtEnvironment environment;
    private OrtSession session;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path model = Path.of(System.getProperty("bench.model", "server/src/test/resources/serving/models/iris_logreg.onnx"))
                .toAbsolutePath();
        database = Database.open(null, Files.createTempDirectory("mlforge-jmh"));
        events = new InProcessEventBus();
        ServingConfig config = ServingConfig.from(ConfigValues.of(Map.of("serving.log-sample-rate",
                System.getProperty("bench.log-sample-rate", "0.01"))));
        serving = new Serving(database, uri -> new ResolvedModel(uri, "bench", "1", model), config, events,
                DeploymentRecorder.NONE, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC(), "bench",
                () -> true, PredictorProviders.discover(PlatformOverheadBenchmark.class.getClassLoader()));
        serving.deployments().create("bench", new TrafficPolicy("models:/bench/1", null, 0, null, null));
        inference = serving.inference();
        inputs = List.of(new Tensor("input", DataType.FP32, new long[] {1, 4}, ROW.clone()));
        environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        session = environment.createSession(model.toString(), options);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        serving.close();
        events.close();
        database.close();
        session.close();
    }

    @Benchmark
    public InferenceResult platform() {
        return inference.infer("bench", null, inputs, "bench-request", header -> null);
    }

    @Benchmark
    public float onnxRuntimeOnly() throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(ROW), new long[] {1, 4});
             OrtSession.Result result = session.run(Map.of("input", tensor))) {
            return ((OnnxTensor) result.get(1)).getFloatBuffer().get(0);
        }
    }
}
