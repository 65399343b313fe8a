package dev.mlforge.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.api.serving.CreateDeploymentRequest;
import dev.mlforge.api.serving.DeploymentHistory;
import dev.mlforge.api.serving.DeploymentInfo;
import dev.mlforge.api.serving.DeploymentResponse;
import dev.mlforge.api.serving.EmptyDeploymentResponse;
import dev.mlforge.api.serving.FeedbackRequest;
import dev.mlforge.api.serving.InferenceResponse;
import dev.mlforge.api.serving.ListDeploymentsResponse;
import dev.mlforge.api.serving.ListPredictionsResponse;
import dev.mlforge.api.serving.ModelMetadataResponse;
import dev.mlforge.api.serving.ShadowComparisonResponse;
import dev.mlforge.api.serving.ScoringResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployment calls ({@code /api/v1/deployments}): create, read, change, roll back and delete deployments,
 * score rows through MLflow's scoring format and attach ground truth to logged predictions.
 *
 * <p>Obtained from {@link MlforgeClient#deployments()}; thread-safe. Every method throws
 * {@link MlforgeClientException} when the server rejects the call or cannot be reached
 * ({@code RESOURCE_DOES_NOT_EXIST} for an unknown deployment or model, {@code RESOURCE_ALREADY_EXISTS} for a name
 * taken, {@code INVALID_PARAMETER_VALUE} for a bad policy).
 */
public final class DeploymentsClient {
    private static final String DEPLOYMENTS = "/api/v1/deployments";
    private final HttpTransport transport;

    DeploymentsClient(HttpTransport transport) {
        this.transport = transport;
    }

    /**
     * Creates a deployment; the server answers once its models are loaded (or failed to load).
     *
     * @param request the name and traffic policy
     * @return the deployment as it runs
     */
    public DeploymentInfo create(CreateDeploymentRequest request) {
        return transport.sendJson("POST", DEPLOYMENTS, request, DeploymentResponse.class, false).deployment();
    }

    /**
     * Lists every deployment, by name.
     *
     * @return the deployments
     */
    public List<DeploymentInfo> list() {
        return transport.getJson(DEPLOYMENTS, Map.of(), ListDeploymentsResponse.class).deployments();
    }

    /**
     * Reads one deployment.
     *
     * @param name the deployment's name
     * @return the deployment as it runs
     */
    public DeploymentInfo get(String name) {
        return transport.getJson(path(name), Map.of(), DeploymentResponse.class).deployment();
    }

    /**
     * Changes the traffic policy. Each entry of {@code changes} is a field of
     * {@link dev.mlforge.api.serving.UpdateDeploymentRequest} by its wire name ({@code model_uri}, {@code canary},
     * {@code shadow}, {@code sticky_header}); a null value removes that part of the policy, an absent key keeps it.
     *
     * @param name the deployment's name
     * @param changes the fields to change
     * @return the deployment after the change; its {@code previous_policy} is what {@link #rollback} restores
     */
    public DeploymentInfo update(String name, Map<String, ?> changes) {
        ObjectNode body = transport.json().createObjectNode();
        changes.forEach((key, value) -> body.set(key, transport.json().valueToTree(value)));
        return transport.sendJson("PATCH", path(name), body, DeploymentResponse.class, true).deployment();
    }

    /**
     * Restores the previous traffic policy.
     *
     * @param name the deployment's name
     * @return the deployment after the rollback
     */
    public DeploymentInfo rollback(String name) {
        return transport.sendJson("POST", path(name) + "/rollback", Map.of(), DeploymentResponse.class, false).deployment();
    }

    /**
     * The current policy and the earlier ones, newest first.
     *
     * @param name the deployment's name
     * @return the history successive rollbacks walk back through
     */
    public DeploymentHistory history(String name) {
        return transport.getJson(path(name) + "/history", Map.of(), DeploymentHistory.class);
    }

    /**
     * Deletes a deployment and unloads its models.
     *
     * @param name the deployment's name
     */
    public void delete(String name) {
        transport.sendJson("DELETE", path(name), Map.of(), EmptyDeploymentResponse.class, true);
    }

    /**
     * Scores rows through {@code POST /api/v1/deployments/{name}/invocations}, MLflow's scoring format.
     *
     * @param name the deployment's name
     * @param body the request body: MLflow's JSON ({@code {"dataframe_split": ...}}, {@code {"inputs": ...}},
     *     {@code {"instances": ...}}) or CSV with a header line
     * @param contentType {@code application/json} or {@code text/csv}
     * @return the predictions with the request id and the version that answered
     */
    public ScoredPredictions predict(String name, String body, String contentType) {
        HttpRequest request = transport.request(path(name) + "/invocations", Map.of(), transport.requestTimeout())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<InputStream> response = transport.exchange(request, false);
        ScoringResponse answer = transport.readJson(response, ScoringResponse.class);
        return new ScoredPredictions(response.headers().firstValue("X-Request-ID").orElse(null),
                response.headers().firstValue("X-Model-Version").orElse(null), answer.predictions());
    }

    /**
     * Describes the model a deployment serves as the Open Inference Protocol does ({@code GET /v2/models/{name}}):
     * its input and output tensors.
     *
     * @param name the deployment's name
     * @param version a model version the deployment serves, or null for the deployment's routing
     * @return the versions served and the input and output tensors
     */
    public ModelMetadataResponse modelMetadata(String name, String version) {
        return transport.getJson(v2Path(name, version), Map.of(), ModelMetadataResponse.class);
    }

    /**
     * Sends one Open Inference Protocol (KServe V2) inference request ({@code POST /v2/models/{name}/infer}); not
     * retried, since a retry would score and log the rows twice.
     *
     * @param name the deployment's name
     * @param version a model version the deployment serves (its primary, canary or shadow), or null to let the
     *     deployment's traffic policy choose
     * @param request the request: {@code {"inputs": [{"name", "shape", "datatype", "data"}, ...]}}
     * @return the output tensors and the version that answered
     */
    public InferenceResponse infer(String name, String version, Object request) {
        return transport.sendJson("POST", v2Path(name, version) + "/infer", request, InferenceResponse.class, false);
    }

    private static String v2Path(String name, String version) {
        return "/v2/models/" + HttpTransport.encode(name)
                + (version == null ? "" : "/versions/" + HttpTransport.encode(version));
    }

    /**
     * Attaches the ground truth of a logged prediction, for performance monitoring.
     *
     * @param name the deployment's name
     * @param requestId the prediction's request id ({@link ScoredPredictions#requestId()})
     * @param label the true value: a string, number, boolean, list or map
     */
    public void feedback(String name, String requestId, Object label) {
        transport.sendJson("POST", path(name) + "/feedback", new FeedbackRequest(requestId, label),
                EmptyDeploymentResponse.class, true);
    }

    /**
     * Reads one page of a deployment's prediction log, newest first, with feedback labels joined.
     *
     * @param name the deployment's name
     * @param filter the time window, version, primary or shadow answers, page size and page
     * @return the page and the next page's token (null on the last page)
     */
    public ListPredictionsResponse predictions(String name, PredictionFilter filter) {
        return transport.getJson(path(name) + "/predictions", filter.query(), ListPredictionsResponse.class);
    }

    /**
     * Downloads the predictions {@code filter} selects as a CSV or Parquet file.
     *
     * @param name the deployment's name
     * @param filter the time window, version, primary or shadow answers, number of rows and page
     * @param format {@code csv} or {@code parquet}
     * @param target the local file, replaced when it exists
     * @return the next page's token when more rows match, else null
     * @throws UncheckedIOException when {@code target} cannot be written
     */
    public String exportPredictions(String name, PredictionFilter filter, String format, Path target) {
        Map<String, Object> query = new LinkedHashMap<>(filter.query());
        query.put("format", format);
        HttpRequest request = transport.request(path(name) + "/predictions", query, transport.requestTimeout())
                .header("Accept", "text/csv, application/vnd.apache.parquet, */*").GET().build();
        HttpResponse<InputStream> response = transport.exchange(request, true);
        try (InputStream in = response.body()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return response.headers().firstValue("X-Next-Page-Token").orElse(null);
    }

    /**
     * Compares the primary's and the shadow's answers to the same requests.
     *
     * @param name the deployment's name
     * @param startTime the window's start, or null for the log's start
     * @param endTime the window's end (exclusive), or null for now
     * @param tolerance the largest difference between two numeric predictions still counted as agreement
     * @return the disagreement rate overall and per version pair, and the newest disagreeing rows
     */
    public ShadowComparisonResponse shadowComparison(String name, Instant startTime, Instant endTime, double tolerance) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("start_time", startTime == null ? null : startTime.toEpochMilli());
        query.put("end_time", endTime == null ? null : endTime.toEpochMilli());
        query.put("tolerance", tolerance);
        return transport.getJson(path(name) + "/shadow-comparison", query, ShadowComparisonResponse.class);
    }

    static String path(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a deployment name is required");
        }
        return DEPLOYMENTS + "/" + HttpTransport.encode(name);
    }
}
