package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.serving.grpc.v2.GRPCInferenceServiceGrpc;
import dev.mlforge.serving.grpc.v2.InferTensorContents;
import dev.mlforge.serving.grpc.v2.ModelInferRequest;
import dev.mlforge.serving.grpc.v2.ModelMetadataRequest;
import dev.mlforge.serving.grpc.v2.ModelReadyRequest;
import dev.mlforge.serving.grpc.v2.ServerLiveRequest;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gRPC door authenticates as the HTTP one does: probes are public, inference needs valid credentials; and the model
 * calls check the caller's grant on the deployment as their REST twins do: a user with NO_PERMISSIONS on it is refused
 * ModelInfer, ModelMetadata and ModelReady with PERMISSION_DENIED (and audited), a reader (the default) is served.
 */
class GrpcAuthenticationTest {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth("root", "s3cret-pass");
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        new LoggedModels(server).registerModel("iris", TestModels.irisOnnx());
        assertThat(new LoggedModels(server).deploy("iris", "models:/iris/1").status()).isEqualTo(200);
        for (String user : new String[] {"reader", "other"}) {
            server.http().post("/api/2.0/mlflow/users/create", Map.of("username", user, "password", user + "-password")).ok();
        }
        server.http().post("/api/v1/permissions", Map.of("resource_type", "deployment", "resource_id", "iris",
                "username", "other", "permission", "NO_PERMISSIONS")).ok();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.application().grpcPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub(String user, String password) {
        GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS);
        if (user == null) {
            return stub;
        }
        Metadata metadata = new Metadata();
        metadata.put(AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    /** A caller's stub that names {@code workspace} in the metadata, as MLflow's clients name it in the header. */
    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub inWorkspace(String user, String password, String workspace) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("x-mlflow-workspace", Metadata.ASCII_STRING_MARSHALLER), workspace);
        return stub(user, password).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    private static ModelInferRequest setosa() {
        return ModelInferRequest.newBuilder().setModelName("iris").addInputs(ModelInferRequest.InferInputTensor.newBuilder()
                .setName("input").setDatatype("FP32").addShape(1).addShape(4).setContents(InferTensorContents.newBuilder()
                        .addFp32Contents(5.1f).addFp32Contents(3.5f).addFp32Contents(1.4f).addFp32Contents(0.2f))).build();
    }

    @Test
    void inference_needs_valid_credentials_and_probes_do_not() {
        assertThat(stub(null, null).serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
        assertThatThrownBy(() -> stub(null, null).modelInfer(setosa())).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> stub("root", "wrong-password").modelInfer(setosa()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThat(stub("root", "s3cret-pass").modelInfer(setosa()).getOutputs(0).getContents().getInt64Contents(0)).isZero();
    }

    @Test
    void refused_calls_are_audited_as_refused_http_requests_are_and_predictions_are_not() {
        assertThatThrownBy(() -> stub(null, null).modelInfer(setosa())).isInstanceOf(StatusRuntimeException.class);
        assertThatThrownBy(() -> stub("root", "wrong-password").modelInfer(setosa())).isInstanceOf(StatusRuntimeException.class);
        stub("root", "s3cret-pass").modelInfer(setosa());

        com.fasterxml.jackson.databind.JsonNode records = server.http()
                .get("/api/v1/audit?action=POST%20/inference.GRPCInferenceService/ModelInfer").json(200).path("records");
        java.util.List<String> seen = new java.util.ArrayList<>();
        records.forEach(record -> seen.add(record.path("action").asText() + " " + record.path("status").asInt() + " "
                + record.path("error_code").asText() + " " + record.path("user").asText() + " "
                + record.path("source_address").asText()));
        assertThat(seen).containsExactly(
                "POST /inference.GRPCInferenceService/ModelInfer 401 UNAUTHENTICATED anonymous 127.0.0.1",
                "POST /inference.GRPCInferenceService/ModelInfer 401 UNAUTHENTICATED anonymous 127.0.0.1");
        assertThat(records.toString()).doesNotContain("wrong-password");
        assertThat(server.http().get("/api/v1/audit/verify").json(200).toString()).contains("true");
    }

    private static void refused(ThrowingCallable call, Status.Code code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }

    @Test
    void a_user_without_a_grant_on_the_deployment_is_denied_every_model_call() {
        GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub other = stub("other", "other-password");
        refused(() -> other.modelInfer(setosa()), Status.Code.PERMISSION_DENIED);
        refused(() -> other.modelMetadata(ModelMetadataRequest.newBuilder().setName("iris").build()), Status.Code.PERMISSION_DENIED);
        refused(() -> other.modelReady(ModelReadyRequest.newBuilder().setName("iris").build()), Status.Code.PERMISSION_DENIED);
        refused(() -> stub("other", "wrong").modelInfer(setosa()), Status.Code.UNAUTHENTICATED);

        assertThat(server.http().get("/api/v1/audit?action=POST%20/inference.GRPCInferenceService/ModelInfer").json(200)
                .path("records").findValuesAsText("error_code")).contains("PERMISSION_DENIED");
    }

    @Test
    void the_deployment_of_another_workspace_is_not_found_and_a_non_member_is_refused() {
        server.http().post("/api/3.0/mlflow/workspaces", Map.of("name", "team-x")).ok();
        server.http().post("/api/3.0/mlflow/workspaces/team-x/permissions", Map.of("username", "reader", "permission", "READ")).ok();

        refused(() -> inWorkspace("reader", "reader-password", "team-x").modelInfer(setosa()), Status.Code.NOT_FOUND);
        refused(() -> inWorkspace("root", "s3cret-pass", "team-x").modelReady(ModelReadyRequest.newBuilder().setName("iris")
                .build()), Status.Code.NOT_FOUND);
        refused(() -> inWorkspace("other", "other-password", "team-x").modelInfer(setosa()), Status.Code.PERMISSION_DENIED);
        assertThat(inWorkspace("reader", "reader-password", "default").modelInfer(setosa()).getOutputs(0).getContents()
                .getInt64Contents(0)).isZero();
    }

    @Test
    void a_reader_and_an_admin_are_served() {
        for (GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub caller
                : new GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub[] {stub("reader", "reader-password"),
                        stub("root", "s3cret-pass")}) {
            assertThat(caller.modelInfer(setosa()).getOutputs(0).getContents().getInt64Contents(0)).isZero();
            assertThat(caller.modelMetadata(ModelMetadataRequest.newBuilder().setName("iris").build()).getName()).isEqualTo("iris");
            assertThat(caller.modelReady(ModelReadyRequest.newBuilder().setName("iris").build()).getReady()).isTrue();
        }
        // a grant taken away applies to the next call (the permission cache is forgotten on change)
        server.http().post("/api/v1/permissions", Map.of("resource_type", "deployment", "resource_id", "iris",
                "username", "reader", "permission", "NO_PERMISSIONS")).ok();
        refused(() -> stub("reader", "reader-password").modelInfer(setosa()), Status.Code.PERMISSION_DENIED);
    }
}
