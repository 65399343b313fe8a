package dev.mlforge.serving.grpc;

import dev.mlforge.grpc.GrpcRequestHeaders;
import dev.mlforge.grpc.GrpcService;
import dev.mlforge.grpc.HttpTwin;
import dev.mlforge.grpc.GrpcStatuses;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import dev.mlforge.serving.InferenceResult;
import dev.mlforge.serving.InferenceService;
import dev.mlforge.serving.ModelSignature;
import dev.mlforge.serving.Tensor;
import dev.mlforge.serving.TensorSpec;
import dev.mlforge.serving.grpc.v2.GRPCInferenceServiceGrpc;
import dev.mlforge.serving.grpc.v2.ModelInferRequest;
import dev.mlforge.serving.grpc.v2.ModelInferResponse;
import dev.mlforge.serving.grpc.v2.ModelMetadataRequest;
import dev.mlforge.serving.grpc.v2.ModelMetadataResponse;
import dev.mlforge.serving.grpc.v2.ModelReadyRequest;
import dev.mlforge.serving.grpc.v2.ModelReadyResponse;
import dev.mlforge.serving.grpc.v2.ServerLiveRequest;
import dev.mlforge.serving.grpc.v2.ServerLiveResponse;
import dev.mlforge.serving.grpc.v2.ServerMetadataRequest;
import dev.mlforge.serving.grpc.v2.ServerMetadataResponse;
import dev.mlforge.serving.grpc.v2.ServerReadyRequest;
import dev.mlforge.serving.grpc.v2.ServerReadyResponse;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * KServe's {@code GRPCInferenceService} over mlforge's deployments: the same inference path as the REST protocol
 * (policy, signature checks, batching, shadow, metrics, prediction log), with the model name a deployment's name.
 * A request sent with {@code raw_input_contents} is answered with {@code raw_output_contents}, one with typed
 * contents with typed contents.
 */
public final class GrpcInference extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    private static final String SERVICE = GRPCInferenceServiceGrpc.SERVICE_NAME + "/";

    private final InferenceService inference;
    private final String serverVersion;
    private final BooleanSupplier serverReady;

    private GrpcInference(InferenceService inference, String serverVersion, BooleanSupplier serverReady) {
        this.inference = inference;
        this.serverVersion = serverVersion;
        this.serverReady = serverReady;
    }

    /** The service with its roles: liveness and readiness are public, the rest READ, as on the REST protocol. */
    public static GrpcService service(InferenceService inference, String serverVersion, BooleanSupplier serverReady) {
        GrpcInference service = new GrpcInference(inference, serverVersion, serverReady);
        return new GrpcService(service::definition, Map.of(
                SERVICE + "ServerLive", Role.PUBLIC, SERVICE + "ServerReady", Role.PUBLIC,
                SERVICE + "ServerMetadata", Role.READ, SERVICE + "ModelReady", Role.READ,
                SERVICE + "ModelMetadata", Role.READ, SERVICE + "ModelInfer", Role.READ), Map.of(
                SERVICE + "ModelInfer", message -> model("POST", "/v2/models/{name}/infer", ((ModelInferCall) message).request().getModelName()),
                SERVICE + "ModelMetadata", message -> model("GET", "/v2/models/{name}", ((ModelMetadataRequest) message).getName()),
                SERVICE + "ModelReady", message -> model("GET", "/v2/models/{name}/ready", ((ModelReadyRequest) message).getName())),
                // ModelInfer only queues its request (inferOffThread): the model runs on the serving's threads.
                Set.of(SERVICE + "ModelInfer"));
    }

    /**
     * The generated service with ModelInfer read by {@link ModelInferMarshaller} and answered by
     * {@link ModelInferAnswerMarshaller} (FP32 contents in bulk both ways): the same method name, messages on the wire
     * and reflection schema.
     */
    private ServerServiceDefinition definition() {
        ServerServiceDefinition generated = bindService();
        MethodDescriptor<ModelInferRequest, ModelInferResponse> standard = GRPCInferenceServiceGrpc.getModelInferMethod();
        MethodDescriptor<ModelInferCall, ModelInferAnswer> infer = standard.toBuilder(new ModelInferMarshaller(),
                new ModelInferAnswerMarshaller()).build();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(generated.getServiceDescriptor().getName())
                .setSchemaDescriptor(generated.getServiceDescriptor().getSchemaDescriptor()).addMethod(infer);
        List<ServerMethodDefinition<?, ?>> others = generated.getMethods().stream()
                .filter(method -> !method.getMethodDescriptor().getFullMethodName().equals(infer.getFullMethodName())).toList();
        others.forEach(method -> descriptor.addMethod(method.getMethodDescriptor()));
        ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(descriptor.build())
                .addMethod(infer, ServerCalls.asyncUnaryCall(this::infer));
        others.forEach(definition::addMethod);
        return definition.build();
    }

    /** The REST twin of a call on one model (the deployment of that name): its permissions apply to the call. */
    private static HttpTwin model(String method, String route, String name) {
        return new HttpTwin(method, route, Map.of("name", name));
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> answer) {
        reply(answer, () -> ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> answer) {
        reply(answer, () -> ServerReadyResponse.newBuilder().setReady(serverReady.getAsBoolean()).build());
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> answer) {
        reply(answer, () -> ServerMetadataResponse.newBuilder().setName("mlforge").setVersion(serverVersion).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> answer) {
        reply(answer, () -> ModelReadyResponse.newBuilder()
                .setReady(inference.ready(name(request.getName()), version(request.getVersion()))).build());
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> answer) {
        reply(answer, () -> {
            String name = name(request.getName());
            ModelSignature signature = inference.signature(name, version(request.getVersion()));
            return ModelMetadataResponse.newBuilder().setName(name).addAllVersions(inference.versions(name))
                    .setPlatform(signature.platform()).addAllInputs(specs(signature.inputs()))
                    .addAllOutputs(specs(signature.outputs())).build();
        });
    }

    /**
     * Queues the request and returns: the call's thread (the transport's, for a call without credentials) is not held
     * while the request waits for its batch and runs, and never runs the model. The answer is built and sent on the
     * thread that ran the batch.
     */
    private void infer(ModelInferCall call, StreamObserver<ModelInferAnswer> answer) {
        ModelInferRequest request = call.request();
        CompletableFuture<InferenceResult> result;
        String name;
        String requestId;
        try {
            name = name(request.getModelName());
            List<Tensor> inputs = inputs(request, call.fp32());
            requestId = request.getId().isEmpty() ? inference.newRequestId() : request.getId();
            result = inference.inferOffThread(name, version(request.getModelVersion()), inputs, requestId,
                    GrpcRequestHeaders.current());
        } catch (MlforgeException e) {
            answer.onError(GrpcStatuses.of(e).asRuntimeException());
            return;
        }
        result.whenComplete((answered, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                answer.onError(cause instanceof MlforgeException e ? GrpcStatuses.of(e).asRuntimeException()
                        : Status.fromThrowable(cause).asRuntimeException());
                return;
            }
            reply(answer, () -> response(request, name, requestId, answered));
        });
    }

    private static ModelInferAnswer response(ModelInferRequest request, String name, String requestId,
            InferenceResult result) {
        // The usual request asks for every output: no set to build.
        Set<String> wanted = request.getOutputsCount() == 0 ? Set.of() : new HashSet<>();
        request.getOutputsList().forEach(output -> wanted.add(output.getName()));
        for (String output : wanted) {
            if (result.outputs().stream().noneMatch(tensor -> tensor.name().equals(output))) {
                throw MlforgeException.invalidParameter("Unknown output '" + output + "' (the model gives "
                        + result.outputs().stream().map(Tensor::name).toList() + ")");
            }
        }
        boolean raw = request.getRawInputContentsCount() > 0;
        ModelInferResponse.Builder response = ModelInferResponse.newBuilder().setModelName(name)
                .setModelVersion(result.version()).setId(requestId);
        List<float[]> fp32 = new ArrayList<>(result.outputs().size());
        for (Tensor output : result.outputs()) {
            if (!wanted.isEmpty() && !wanted.contains(output.name())) {
                continue;
            }
            ModelInferResponse.InferOutputTensor.Builder tensor = GrpcTensors.header(output);
            if (raw) {
                response.addRawOutputContents(GrpcTensors.raw(output));
                fp32.add(null);
            } else if (output.data() instanceof float[] floats) {
                // Written in bulk by ModelInferAnswerMarshaller, in the contents field the message leaves out.
                fp32.add(floats);
            } else {
                tensor.setContents(GrpcTensors.contents(output));
                fp32.add(null);
            }
            response.addOutputs(tensor);
        }
        return new ModelInferAnswer(response.build(), fp32.toArray(float[][]::new));
    }

    private static List<Tensor> inputs(ModelInferRequest request, float[][] fp32) {
        if (request.getInputsCount() == 0) {
            throw MlforgeException.invalidParameter("The inference request needs at least one input");
        }
        int raw = request.getRawInputContentsCount();
        if (raw > 0 && raw != request.getInputsCount()) {
            throw MlforgeException.invalidParameter("raw_input_contents has " + raw + " entries for "
                    + request.getInputsCount() + " inputs; give one per input, or none");
        }
        List<Tensor> inputs = new ArrayList<>(request.getInputsCount());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < request.getInputsCount(); i++) {
            ModelInferRequest.InferInputTensor input = request.getInputs(i);
            if (raw > 0 && input.hasContents()) {
                throw MlforgeException.invalidParameter("Input '" + input.getName()
                        + "' has contents while raw_input_contents is given");
            }
            Tensor tensor = GrpcTensors.input(input, raw > 0 ? request.getRawInputContents(i) : null, fp32[i]);
            if (!names.add(tensor.name())) {
                throw MlforgeException.invalidParameter("Input '" + tensor.name() + "' is given twice");
            }
            inputs.add(tensor);
        }
        return inputs;
    }

    private static List<ModelMetadataResponse.TensorMetadata> specs(List<TensorSpec> specs) {
        return specs.stream().map(spec -> ModelMetadataResponse.TensorMetadata.newBuilder().setName(spec.name())
                .setDatatype(spec.datatype().name()).addAllShape(spec.shape()).build()).toList();
    }

    private static String name(String name) {
        if (name.isEmpty()) {
            throw MlforgeException.invalidParameter("The request needs a model name");
        }
        return name;
    }

    /** The protocol's empty version means: let the deployment's policy choose. */
    private static String version(String version) {
        return version.isEmpty() ? null : version;
    }


    /** Answers {@code call}'s result, or the status its {@link MlforgeException} maps to. */
    private static <T> void reply(StreamObserver<T> answer, Supplier<T> call) {
        T response;
        try {
            response = call.get();
        } catch (MlforgeException e) {
            answer.onError(GrpcStatuses.of(e).asRuntimeException());
            return;
        }
        answer.onNext(response);
        answer.onCompleted();
    }
}
