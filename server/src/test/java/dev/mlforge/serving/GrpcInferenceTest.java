package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.mlforge.serving.grpc.v2.GRPCInferenceServiceGrpc;
import dev.mlforge.serving.grpc.v2.InferTensorContents;
import dev.mlforge.serving.grpc.v2.ModelInferRequest;
import dev.mlforge.serving.grpc.v2.ModelInferResponse;
import dev.mlforge.serving.grpc.v2.ModelMetadataRequest;
import dev.mlforge.serving.grpc.v2.ModelMetadataResponse;
import dev.mlforge.serving.grpc.v2.ModelReadyRequest;
import dev.mlforge.serving.grpc.v2.ServerLiveRequest;
import dev.mlforge.serving.grpc.v2.ServerMetadataRequest;
import dev.mlforge.serving.grpc.v2.ServerReadyRequest;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KServe's GRPCInferenceService against the running server over a real gRPC channel on loopback: held-out iris rows
 * answer the labels scikit-learn predicted, with typed and with raw contents, and bad calls get the status naming the
 * cause.
 */
class GrpcInferenceTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    private final LoggedModels models = new LoggedModels(server);
    private ManagedChannel channel;
    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;

    @BeforeEach
    void start() {
        models.registerModel("iris", TestModels.irisOnnx());
        assertThat(models.deploy("iris", "models:/iris/1").status()).isEqualTo(200);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.application().grpcPort()).usePlaintext().build();
        stub = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void typed_contents_answer_the_labels_scikit_learn_predicted_for_the_held_out_rows() throws Exception {
        List<TestModels.Row> rows = TestModels.holdout("iris_holdout.csv");
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        rows.forEach(row -> {
            for (float value : row.features()) {
                contents.addFp32Contents(value);
            }
        });
        ModelInferResponse response = stub.modelInfer(ModelInferRequest.newBuilder().setModelName("iris").setId("req-9")
                .addInputs(irisInput(rows.size()).setContents(contents)).build());

        assertThat(response.getModelName()).isEqualTo("iris");
        assertThat(response.getModelVersion()).isEqualTo("1");
        assertThat(response.getId()).isEqualTo("req-9");
        assertThat(response.getRawOutputContentsCount()).isZero();
        ModelInferResponse.InferOutputTensor label = response.getOutputs(0);
        assertThat(label.getName()).isEqualTo("label");
        assertThat(label.getDatatype()).isEqualTo("INT64");
        assertThat(label.getShapeList()).containsExactly((long) rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(label.getContents().getInt64Contents(i)).as("row %d", i).isEqualTo(rows.get(i).label());
        }
        ModelInferResponse.InferOutputTensor probabilities = response.getOutputs(1);
        assertThat(probabilities.getDatatype()).isEqualTo("FP32");
        assertThat(probabilities.getShapeList()).containsExactly((long) rows.size(), 3L);
        assertThat(probabilities.getContents().getFp32ContentsCount()).isEqualTo(rows.size() * 3);
    }

    @Test
    void raw_input_contents_are_answered_with_raw_output_contents() throws Exception {
        List<TestModels.Row> rows = TestModels.holdout("iris_holdout.csv");
        ByteBuffer raw = ByteBuffer.allocate(rows.size() * 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
        rows.forEach(row -> {
            for (float value : row.features()) {
                raw.putFloat(value);
            }
        });
        ModelInferResponse response = stub.modelInfer(ModelInferRequest.newBuilder().setModelName("iris")
                .addInputs(irisInput(rows.size())).addRawInputContents(ByteString.copyFrom(raw.array()))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("label")).build());

        assertThat(response.getOutputsList()).extracting(ModelInferResponse.InferOutputTensor::getName).containsExactly("label");
        assertThat(response.getOutputs(0).hasContents()).isFalse();
        ByteBuffer labels = response.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(labels.remaining()).isEqualTo(rows.size() * 8);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(labels.getLong()).as("row %d", i).isEqualTo(rows.get(i).label());
        }
        assertThat(response.getId()).as("a request without an id gets one").isNotBlank();
    }

    @Test
    void fp32_contents_unpacked_or_split_over_records_answer_as_packed_ones() throws Exception {
        List<TestModels.Row> rows = TestModels.holdout("iris_holdout.csv");
        float[] values = new float[rows.size() * 4];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i).features(), 0, values, i * 4, 4);
        }
        for (String encoding : List.of("unpacked", "split")) {
            ModelInferResponse response = ClientCalls.blockingUnaryCall(channel, BYTES_INFER,
                    io.grpc.CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), typedRequest(rows.size(), values, encoding));
            ModelInferResponse.InferOutputTensor label = response.getOutputs(0);
            assertThat(label.getName()).isEqualTo("label");
            for (int i = 0; i < rows.size(); i++) {
                assertThat(label.getContents().getInt64Contents(i)).as("%s, row %d", encoding, i).isEqualTo(rows.get(i).label());
            }
        }
        // A request its marshaller cannot read is closed by grpc-java as UNKNOWN, whichever marshaller it is.
        byte[] torn = typedRequest(1, new float[]{5.1f, 3.5f, 1.4f, 0.2f}, "split");
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, BYTES_INFER, io.grpc.CallOptions.DEFAULT
                .withDeadlineAfter(30, TimeUnit.SECONDS), Arrays.copyOf(torn, torn.length - 1)))
                .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN));
    }

    /** ModelInfer with the request's bytes written by hand, as another client's protobuf library may write them. */
    private static final MethodDescriptor<byte[], ModelInferResponse> BYTES_INFER = GRPCInferenceServiceGrpc.getModelInferMethod()
            .toBuilder(new MethodDescriptor.Marshaller<byte[]>() {
                @Override
                public InputStream stream(byte[] bytes) {
                    return new ByteArrayInputStream(bytes);
                }

                @Override
                public byte[] parse(InputStream stream) {
                    throw new UnsupportedOperationException();
                }
            }, ProtoUtils.marshaller(ModelInferResponse.getDefaultInstance())).build();

    /**
     * An iris request with its floats in {@code fp32_contents}, each in a record of its own ({@code unpacked}), or
     * packed in two records ({@code split}), which protobuf parsers concatenate.
     */
    private static byte[] typedRequest(int rows, float[] values, String encoding) throws Exception {
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(contents);
        if (encoding.equals("unpacked")) {
            for (float value : values) {
                out.writeFloat(6, value);
            }
        } else {
            int half = values.length / 2;
            for (int[] range : new int[][]{{0, half}, {half, values.length}}) {
                out.writeTag(6, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag((range[1] - range[0]) * 4);
                for (int i = range[0]; i < range[1]; i++) {
                    out.writeFloatNoTag(values[i]);
                }
            }
        }
        out.flush();
        byte[] input = withMessage(irisInput(rows).build().toByteArray(), 5, contents.toByteArray());
        return withMessage(ModelInferRequest.newBuilder().setModelName("iris").build().toByteArray(), 5, input);
    }

    /** {@code message} with one more length-delimited field appended (merged, as a parser reads it). */
    private static byte[] withMessage(byte[] message, int field, byte[] value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(message);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeByteArray(field, value);
        out.flush();
        return bytes.toByteArray();
    }

    @Test
    void health_readiness_and_metadata_describe_the_server_and_the_deployment() {
        assertThat(stub.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
        assertThat(stub.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
        assertThat(stub.serverMetadata(ServerMetadataRequest.getDefaultInstance()).getName()).isEqualTo("mlforge");
        assertThat(stub.modelReady(ModelReadyRequest.newBuilder().setName("iris").build()).getReady()).isTrue();
        assertThat(stub.modelReady(ModelReadyRequest.newBuilder().setName("iris").setVersion("1").build()).getReady()).isTrue();

        ModelMetadataResponse metadata = stub.modelMetadata(ModelMetadataRequest.newBuilder().setName("iris").build());
        assertThat(metadata.getVersionsList()).containsExactly("1");
        assertThat(metadata.getPlatform()).isEqualTo("onnx_onnxv1");
        assertThat(metadata.getInputs(0).getName()).isEqualTo("input");
        assertThat(metadata.getInputs(0).getDatatype()).isEqualTo("FP32");
        assertThat(metadata.getInputs(0).getShapeList()).containsExactly(-1L, 4L);
        assertThat(metadata.getOutputsList()).extracting(ModelMetadataResponse.TensorMetadata::getName)
                .containsExactly("label", "probabilities");
    }

    @Test
    void bad_calls_get_the_status_that_names_the_cause() {
        assertThatThrownBy(() -> stub.modelInfer(ModelInferRequest.newBuilder().setModelName("nobody")
                .addInputs(irisInput(1).setContents(fourFloats())).build()))
                .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "nobody"));
        assertThatThrownBy(() -> stub.modelInfer(ModelInferRequest.newBuilder().setModelName("iris")
                .addInputs(irisInput(2).setContents(fourFloats())).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "Input 'input' has 4 values but shape [2, 4] needs 8"));
        assertThatThrownBy(() -> stub.modelInfer(ModelInferRequest.newBuilder().setModelName("iris")
                .addInputs(irisInput(1)).addRawInputContents(ByteString.copyFrom(new byte[15])).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "15 raw bytes"));
        assertThatThrownBy(() -> stub.modelInfer(ModelInferRequest.newBuilder().setModelName("iris")
                .addInputs(irisInput(1).setDatatype("FLOAT").setContents(fourFloats())).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "datatype"));
        assertThatThrownBy(() -> stub.modelInfer(ModelInferRequest.newBuilder().setModelName("iris")
                .addInputs(irisInput(1).setContents(fourFloats()))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("logits")).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "Unknown output 'logits'"));
        assertThatThrownBy(() -> stub.modelInfer(ModelInferRequest.newBuilder().setModelName("iris")
                .addInputs(irisInput(1).setDatatype("INT8").setContents(InferTensorContents.newBuilder()
                        .addIntContents(1).addIntContents(300).addIntContents(2).addIntContents(3))).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "300, outside the range of INT8"));
        assertThatThrownBy(() -> stub.modelReady(ModelReadyRequest.newBuilder().setName("nobody").build()))
                .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "nobody"));
        // a good call still works after the bad ones
        assertThat(stub.modelInfer(ModelInferRequest.newBuilder().setModelName("iris")
                .addInputs(irisInput(1).setContents(fourFloats())).build()).getOutputs(0).getContents().getInt64Contents(0))
                .isZero();
    }

    private static ModelInferRequest.InferInputTensor.Builder irisInput(int rows) {
        return ModelInferRequest.InferInputTensor.newBuilder().setName("input").setDatatype("FP32").addShape(rows).addShape(4);
    }

    /** An iris setosa flower (label 0). */
    private static InferTensorContents fourFloats() {
        return InferTensorContents.newBuilder().addFp32Contents(5.1f).addFp32Contents(3.5f).addFp32Contents(1.4f)
                .addFp32Contents(0.2f).build();
    }

    private static void assertStatus(Throwable thrown, Status.Code code, String message) {
        assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
        Status status = ((StatusRuntimeException) thrown).getStatus();
        assertThat(status.getCode()).isEqualTo(code);
        assertThat(status.getDescription()).contains(message);
    }
}
