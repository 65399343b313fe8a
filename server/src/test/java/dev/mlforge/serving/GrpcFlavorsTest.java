package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.mlforge.http.Json;
import dev.mlforge.serving.grpc.v2.GRPCInferenceServiceGrpc;
import dev.mlforge.serving.grpc.v2.InferTensorContents;
import dev.mlforge.serving.grpc.v2.ModelInferRequest;
import dev.mlforge.serving.grpc.v2.ModelInferResponse;
import dev.mlforge.serving.grpc.v2.ModelMetadataRequest;
import dev.mlforge.serving.grpc.v2.ModelMetadataResponse;
import dev.mlforge.serving.python.SklearnModels;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KServe's GRPCInferenceService over a real gRPC channel on loopback for every served flavor besides ONNX (which
 * {@link GrpcInferenceTest} covers): a scikit-learn classifier predicting string labels and a regressor and a custom
 * pyfunc model answering a DataFrame (all three in Python workers), and an XGBoost classifier run in the JVM. Held-out
 * rows sent with typed contents and with {@code raw_input_contents} answer exactly what the library itself predicted
 * for them, each output with its name, datatype and shape; BYTES outputs come as {@code bytes_contents} or, raw, as
 * 4-byte little-endian lengths each followed by the UTF-8 bytes. ModelMetadata names what the V2 HTTP route names,
 * and the outputs ModelInfer answers.
 */
class GrpcFlavorsTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("serving.python.interpreter", SklearnModels.interpreter())
            .withConfig("serving.python.environments", "off"); // PythonEnvironmentsTest builds environments
    /** The models deployed so far, by deployment name: each flavor is deployed once for the class. */
    private static final Map<String, Expected> DEPLOYED = new ConcurrentHashMap<>();
    private ManagedChannel channel;
    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;

    /** A deployed model's held-out rows and what the library predicted for them, output by output, flat. */
    record Expected(List<double[]> rows, Map<String, List<Object>> outputs) {}

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.application().grpcPort()).usePlaintext().build();
        stub = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void a_sklearn_classifier_answers_its_string_labels_as_bytes_typed_and_raw() {
        Expected expected = deployed("species_sk");

        for (boolean raw : new boolean[] {false, true}) {
            ModelInferResponse response = stub.modelInfer(request("species_sk", "FP64", expected.rows(), raw).build());

            assertThat(response.getModelVersion()).isEqualTo("1");
            assertOutputs(response, raw, List.of(new Output("predictions", "BYTES", List.of((long) expected.rows().size()))));
            assertThat(values(response, 0)).as("raw %s", raw).isEqualTo(expected.outputs().get("predictions"));
        }
    }

    @Test
    void a_sklearn_regressor_answers_fp64_predictions_typed_and_raw() {
        Expected expected = deployed("diabetes_sk");

        for (boolean raw : new boolean[] {false, true}) {
            ModelInferResponse response = stub.modelInfer(request("diabetes_sk", "FP64", expected.rows(), raw).build());

            assertOutputs(response, raw, List.of(new Output("predictions", "FP64", List.of((long) expected.rows().size()))));
            List<Object> predictions = values(response, 0);
            List<Object> sklearn = expected.outputs().get("predictions");
            assertThat(predictions).hasSameSizeAs(sklearn);
            for (int i = 0; i < sklearn.size(); i++) {
                // As PythonModelServingTest allows: the last bits depend on how the rows reached sklearn.
                double value = (Double) sklearn.get(i);
                assertThat((Double) predictions.get(i)).as("raw %s, row %d", raw, i).isCloseTo(value, within(Math.abs(value) * 1e-12));
            }
        }
    }

    @Test
    void an_xgboost_classifier_run_in_the_jvm_answers_xgboosts_labels_and_probabilities_typed_and_raw() {
        Expected expected = deployed("iris_xgb");
        long rows = expected.rows().size();

        for (boolean raw : new boolean[] {false, true}) {
            ModelInferResponse response = stub.modelInfer(request("iris_xgb", "FP32", expected.rows(), raw).build());

            assertOutputs(response, raw, List.of(new Output("label", "INT64", List.of(rows)),
                    new Output("probabilities", "FP32", List.of(rows, 3L))));
            assertThat(values(response, 0)).as("raw %s", raw).isEqualTo(expected.outputs().get("label"));
            List<Object> probabilities = values(response, 1);
            List<Object> xgboost = expected.outputs().get("probabilities");
            assertThat(probabilities).hasSameSizeAs(xgboost);
            for (int i = 0; i < xgboost.size(); i++) {
                assertThat((double) (Float) probabilities.get(i)).as("raw %s, element %d", raw, i)
                        .isCloseTo((Double) xgboost.get(i), within(1e-6));
            }
        }
        assertThat(server.http().get("/v2/models/iris_xgb").json(200).get("platform").asText())
                .as("served by xgboost4j, not a Python worker").isEqualTo("xgboost");
    }

    @Test
    void a_custom_pyfunc_answering_a_dataframe_answers_one_output_per_column_typed_and_raw() {
        Expected expected = deployed("pyfunc_frame");
        long rows = expected.rows().size();

        for (boolean raw : new boolean[] {false, true}) {
            ModelInferResponse response = stub.modelInfer(request("pyfunc_frame", "FP64", expected.rows(), raw).build());

            assertOutputs(response, raw, List.of(new Output("total", "FP64", List.of(rows)), new Output("big", "BYTES", List.of(rows))));
            assertThat(values(response, 0)).as("raw %s", raw).isEqualTo(expected.outputs().get("total"));
            assertThat(values(response, 1)).as("raw %s", raw).isEqualTo(expected.outputs().get("big"));
        }
    }

    @Test
    void the_outputs_asked_for_are_the_only_ones_answered() {
        Expected expected = deployed("pyfunc_frame");

        for (boolean raw : new boolean[] {false, true}) {
            ModelInferResponse response = stub.modelInfer(request("pyfunc_frame", "FP64", expected.rows(), raw)
                    .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("big")).build());

            assertOutputs(response, raw, List.of(new Output("big", "BYTES", List.of((long) expected.rows().size()))));
            assertThat(values(response, 0)).as("raw %s", raw).isEqualTo(expected.outputs().get("big"));
        }
    }

    @Test
    void model_metadata_names_the_inputs_and_outputs_the_v2_http_metadata_names() {
        for (String name : List.of("species_sk", "diabetes_sk", "iris_xgb", "pyfunc_frame")) {
            deployed(name);
            JsonNode http = server.http().get("/v2/models/" + name).json(200);

            ModelMetadataResponse grpc = stub.modelMetadata(ModelMetadataRequest.newBuilder().setName(name).build());

            assertThat(grpc.getName()).isEqualTo(http.get("name").asText());
            assertThat(grpc.getPlatform()).isEqualTo(http.get("platform").asText());
            assertThat(grpc.getVersionsList()).containsExactly("1");
            assertThat(specs(grpc.getInputsList())).as(name).isEqualTo(specs(http.get("inputs")));
            assertThat(specs(grpc.getOutputsList())).as(name).isEqualTo(specs(http.get("outputs")));
        }
        ModelMetadataResponse classifier = stub.modelMetadata(ModelMetadataRequest.newBuilder().setName("species_sk").build());
        assertThat(specs(classifier.getInputsList())).containsExactly("input FP64 [-1, 4]");
        assertThat(specs(classifier.getOutputsList())).containsExactly("predictions BYTES [-1]");
        ModelMetadataResponse pyfunc = stub.modelMetadata(ModelMetadataRequest.newBuilder().setName("pyfunc_frame").build());
        assertThat(specs(pyfunc.getOutputsList())).as("the columns ModelInfer answers, as the MLflow signature declares them")
                .containsExactly("total FP64 [-1]", "big BYTES [-1]");
    }

    @Test
    void a_python_model_called_with_the_wrong_shape_or_datatype_gets_invalid_argument_naming_the_cause() {
        Expected expected = deployed("species_sk");
        List<double[]> threeColumns = expected.rows().stream().map(row -> Arrays.copyOf(row, 3)).toList();

        assertThatThrownBy(() -> stub.modelInfer(request("species_sk", "FP64", threeColumns, false).build()))
                .satisfies(e -> assertStatus(e, "Input 'input' has shape [20, 3] but the model expects [-1, 4]"));
        assertThatThrownBy(() -> stub.modelInfer(request("species_sk", "FP64", threeColumns, true).build()))
                .satisfies(e -> assertStatus(e, "Input 'input' has shape [20, 3] but the model expects [-1, 4]"));
        assertThatThrownBy(() -> stub.modelInfer(request("species_sk", "FP32", expected.rows(), false).build()))
                .satisfies(e -> assertStatus(e, "Input 'input' has datatype FP32 but the model expects FP64"));
        assertThatThrownBy(() -> stub.modelInfer(ModelInferRequest.newBuilder().setModelName("species_sk")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("input").setDatatype("BYTES")
                        .addShape(1).addShape(4).setContents(InferTensorContents.newBuilder().addBytesContents(utf8("a"))
                                .addBytesContents(utf8("b")).addBytesContents(utf8("c")).addBytesContents(utf8("d")))).build()))
                .satisfies(e -> assertStatus(e, "Input 'input' has datatype BYTES but the model expects FP64"));
        assertThatThrownBy(() -> stub.modelInfer(request("species_sk", "FP64", expected.rows(), false)
                .setInputs(0, input("features", "FP64", expected.rows())).build()))
                .satisfies(e -> assertStatus(e, "Missing input 'input'"));
        // the worker still answers after the refusals
        assertThat(values(stub.modelInfer(request("species_sk", "FP64", expected.rows(), false).build()), 0))
                .isEqualTo(expected.outputs().get("predictions"));
    }

    /** The model deployed under {@code name} (once for the class), with what its library predicted. */
    private static Expected deployed(String name) {
        return DEPLOYED.computeIfAbsent(name, key -> {
            Path directory;
            Expected expected;
            switch (key) {
                case "species_sk", "diabetes_sk" -> {
                    SklearnModels.Written model = SklearnModels.write(key.equals("species_sk") ? "labels" : "regressor",
                            server.dataDir(), null);
                    directory = model.directory();
                    expected = new Expected(rows(model.rows()), Map.of("predictions", flat(model.predictions())));
                }
                case "iris_xgb" -> {
                    directory = TestModels.resource("boosters/iris_xgb_classifier");
                    JsonNode xgboost = readJson(TestModels.resource("boosters/iris_xgb_classifier.expected.json"));
                    expected = new Expected(rows(xgboost.get("rows")), Map.of("label", flat(xgboost.get("labels")),
                            "probabilities", flat(xgboost.get("probabilities"))));
                }
                case "pyfunc_frame" -> {
                    directory = parity().resolve("models/pyfunc_frame");
                    expected = pyfuncFrame();
                }
                default -> throw new IllegalArgumentException(key);
            }
            LoggedModels models = new LoggedModels(server);
            String version = models.registerModel(key, directory);
            TestHttp.Response deploy = models.deploy(key, "models:/" + key + "/" + version);
            assertThat(deploy.status()).as(deploy.body()).isEqualTo(200);
            return expected;
        });
    }

    /**
     * The pyfunc model's rows and answer as MLflow 3.11's scoring server gave them (ScoringParityTest's recording):
     * one object per row, {@code {"total": ..., "big": ...}}.
     */
    private static Expected pyfuncFrame() {
        for (JsonNode recorded : readJson(parity().resolve("answers.json"))) {
            if (recorded.get("model").asText().equals("pyfunc_frame") && recorded.get("case").asText().equals("dataframe_split")) {
                JsonNode request = readJson(recorded.get("request").asText());
                List<Object> total = new ArrayList<>();
                List<Object> big = new ArrayList<>();
                for (JsonNode row : readJson(recorded.get("answer").asText()).get("predictions")) {
                    total.add(row.get("total").asDouble());
                    big.add(row.get("big").asText());
                }
                return new Expected(rows(request.at("/dataframe_split/data")), Map.of("total", total, "big", big));
            }
        }
        throw new IllegalStateException("answers.json has no pyfunc_frame dataframe_split case");
    }

    /** A ModelInfer request of {@code rows} as input {@code input}, with typed contents or raw ones. */
    private static ModelInferRequest.Builder request(String model, String datatype, List<double[]> rows, boolean raw) {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model);
        if (!raw) {
            return request.addInputs(input("input", datatype, rows));
        }
        int width = datatype.equals("FP64") ? 8 : 4;
        ByteBuffer bytes = ByteBuffer.allocate(rows.size() * rows.get(0).length * width).order(ByteOrder.LITTLE_ENDIAN);
        rows.forEach(row -> {
            for (double value : row) {
                if (width == 8) {
                    bytes.putDouble(value);
                } else {
                    bytes.putFloat((float) value);
                }
            }
        });
        return request.addInputs(header("input", datatype, rows)).addRawInputContents(ByteString.copyFrom(bytes.array()));
    }

    private static ModelInferRequest.InferInputTensor input(String name, String datatype, List<double[]> rows) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        rows.forEach(row -> {
            for (double value : row) {
                if (datatype.equals("FP64")) {
                    contents.addFp64Contents(value);
                } else {
                    contents.addFp32Contents((float) value);
                }
            }
        });
        return header(name, datatype, rows).setContents(contents).build();
    }

    private static ModelInferRequest.InferInputTensor.Builder header(String name, String datatype, List<double[]> rows) {
        return ModelInferRequest.InferInputTensor.newBuilder().setName(name).setDatatype(datatype)
                .addShape(rows.size()).addShape(rows.get(0).length);
    }

    /** An output's name, datatype and shape. */
    record Output(String name, String datatype, List<Long> shape) {}

    /** The answer has exactly {@code outputs}, in order, with their elements typed or raw as the request was. */
    private static void assertOutputs(ModelInferResponse response, boolean raw, List<Output> outputs) {
        assertThat(response.getOutputsList()).extracting(output -> new Output(output.getName(), output.getDatatype(),
                output.getShapeList())).as("raw %s", raw).containsExactlyElementsOf(outputs);
        assertThat(response.getRawOutputContentsCount()).isEqualTo(raw ? outputs.size() : 0);
        assertThat(response.getOutputsList()).allSatisfy(output -> assertThat(output.hasContents()).isEqualTo(!raw));
    }

    /** Output {@code index}'s elements, read from its typed contents or its raw bytes, whichever the answer has. */
    private static List<Object> values(ModelInferResponse response, int index) {
        ModelInferResponse.InferOutputTensor output = response.getOutputs(index);
        if (response.getRawOutputContentsCount() > 0) {
            return rawValues(output.getDatatype(), response.getRawOutputContents(index));
        }
        InferTensorContents contents = output.getContents();
        return switch (output.getDatatype()) {
            case "BYTES" -> contents.getBytesContentsList().stream().<Object>map(bytes -> bytes.toString(StandardCharsets.UTF_8)).toList();
            case "FP64" -> List.copyOf(contents.getFp64ContentsList());
            case "FP32" -> List.copyOf(contents.getFp32ContentsList());
            case "INT64" -> List.copyOf(contents.getInt64ContentsList());
            default -> throw new IllegalArgumentException(output.getDatatype());
        };
    }

    /** Raw elements: little-endian numbers, or BYTES as a 4-byte little-endian length then that many bytes each. */
    private static List<Object> rawValues(String datatype, ByteString raw) {
        ByteBuffer bytes = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        List<Object> values = new ArrayList<>();
        while (bytes.hasRemaining()) {
            switch (datatype) {
                case "BYTES" -> {
                    byte[] element = new byte[bytes.getInt()];
                    bytes.get(element);
                    values.add(new String(element, StandardCharsets.UTF_8));
                }
                case "FP64" -> values.add(bytes.getDouble());
                case "FP32" -> values.add(bytes.getFloat());
                case "INT64" -> values.add(bytes.getLong());
                default -> throw new IllegalArgumentException(datatype);
            }
        }
        return values;
    }

    private static List<String> specs(List<ModelMetadataResponse.TensorMetadata> specs) {
        return specs.stream().map(spec -> spec.getName() + " " + spec.getDatatype() + " " + spec.getShapeList()).toList();
    }

    private static List<String> specs(JsonNode specs) {
        List<String> described = new ArrayList<>();
        for (JsonNode spec : specs) {
            List<Long> shape = new ArrayList<>();
            spec.get("shape").forEach(dim -> shape.add(dim.asLong()));
            described.add(spec.get("name").asText() + " " + spec.get("datatype").asText() + " " + shape);
        }
        return described;
    }

    private static void assertStatus(Throwable thrown, String message) {
        assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
        Status status = ((StatusRuntimeException) thrown).getStatus();
        assertThat(status.getCode()).as(status.toString()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains(message);
    }

    private static List<double[]> rows(JsonNode rows) {
        List<double[]> values = new ArrayList<>();
        for (JsonNode row : rows) {
            double[] features = new double[row.size()];
            for (int i = 0; i < features.length; i++) {
                features[i] = row.get(i).asDouble();
            }
            values.add(features);
        }
        return values;
    }

    /** The values, flattened row-major: strings, longs or doubles as JSON had them. */
    private static List<Object> flat(JsonNode values) {
        List<Object> flat = new ArrayList<>();
        for (JsonNode value : values) {
            if (value.isArray()) {
                flat.addAll(flat(value));
            } else if (value.isTextual()) {
                flat.add(value.asText());
            } else if (value.isIntegralNumber()) {
                flat.add(value.asLong());
            } else {
                flat.add(value.asDouble());
            }
        }
        return flat;
    }

    private static ByteString utf8(String text) {
        return ByteString.copyFromUtf8(text);
    }

    private static JsonNode readJson(Path file) {
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path parity() {
        try {
            return Path.of(GrpcFlavorsTest.class.getResource("/dev/mlforge/serving/parity").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
