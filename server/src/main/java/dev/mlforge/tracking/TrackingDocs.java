package dev.mlforge.tracking;

import dev.mlforge.api.EmptyResponse;
import dev.mlforge.api.tracking.CreateExperimentRequest;
import dev.mlforge.api.tracking.CreateExperimentResponse;
import dev.mlforge.api.tracking.CreateRunRequest;
import dev.mlforge.api.tracking.CreateRunResponse;
import dev.mlforge.api.tracking.DeleteTagRequest;
import dev.mlforge.api.tracking.ExperimentIdRequest;
import dev.mlforge.api.tracking.GetExperimentResponse;
import dev.mlforge.api.tracking.GetMetricHistoryBulkIntervalResponse;
import dev.mlforge.api.tracking.GetMetricHistoryResponse;
import dev.mlforge.api.tracking.GetRunResponse;
import dev.mlforge.api.tracking.LogBatchRequest;
import dev.mlforge.api.tracking.LogInputsRequest;
import dev.mlforge.api.tracking.LogMetricRequest;
import dev.mlforge.api.tracking.LogModelRequest;
import dev.mlforge.api.tracking.LogOutputsRequest;
import dev.mlforge.api.tracking.LogParamRequest;
import dev.mlforge.api.tracking.RunIdRequest;
import dev.mlforge.api.tracking.SearchExperimentsRequest;
import dev.mlforge.api.tracking.SearchExperimentsResponse;
import dev.mlforge.api.tracking.SearchRunsRequest;
import dev.mlforge.api.tracking.SearchRunsResponse;
import dev.mlforge.api.tracking.SetExperimentTagRequest;
import dev.mlforge.api.tracking.SetTagRequest;
import dev.mlforge.api.tracking.UpdateExperimentRequest;
import dev.mlforge.api.tracking.UpdateRunRequest;
import dev.mlforge.api.tracking.UpdateRunResponse;
import dev.mlforge.http.ApiDoc;
import java.util.List;

/**
 * What the OpenAPI description says of MLflow's tracking routes ({@link TrackingRoutes#docs()}): the records each
 * reads and answers, and the query parameters of its GET forms.
 */
final class TrackingDocs {
    private static final String API = "/api/2.0/mlflow/";

    private TrackingDocs() {
    }

    static List<ApiDoc> all() {
        ApiDoc.Tag tracking = ApiDoc.tag("MLflow tracking");
        return List.of(
                tracking.post(API + "experiments/create", "Create an experiment")
                        .request(CreateExperimentRequest.class).response(CreateExperimentResponse.class),
                tracking.get(API + "experiments/get", "Get an experiment")
                        .requiredQuery("experiment_id", "the experiment's id").response(GetExperimentResponse.class),
                tracking.get(API + "experiments/get-by-name", "Get an experiment by name")
                        .requiredQuery("experiment_name", "the experiment's name").response(GetExperimentResponse.class),
                searchExperiments(tracking.get(API + "experiments/search", "Search experiments")),
                tracking.post(API + "experiments/search", "Search experiments")
                        .request(SearchExperimentsRequest.class).response(SearchExperimentsResponse.class),
                tracking.post(API + "experiments/update", "Update (rename) an experiment")
                        .request(UpdateExperimentRequest.class).response(EmptyResponse.class),
                tracking.post(API + "experiments/delete", "Delete an experiment")
                        .request(ExperimentIdRequest.class).response(EmptyResponse.class),
                tracking.post(API + "experiments/restore", "Restore an experiment")
                        .request(ExperimentIdRequest.class).response(EmptyResponse.class),
                tracking.post(API + "experiments/set-experiment-tag", "Set a tag on an experiment")
                        .request(SetExperimentTagRequest.class).response(EmptyResponse.class),
                tracking.post(API + "runs/create", "Create a run")
                        .request(CreateRunRequest.class).response(CreateRunResponse.class),
                tracking.get(API + "runs/get", "Get a run")
                        .requiredQuery("run_id", "the run's id (run_uuid, the older name, is read too)")
                        .response(GetRunResponse.class),
                tracking.post(API + "runs/update", "Update a run")
                        .request(UpdateRunRequest.class).response(UpdateRunResponse.class),
                tracking.post(API + "runs/delete", "Delete a run").request(RunIdRequest.class).response(EmptyResponse.class),
                tracking.post(API + "runs/restore", "Restore a run").request(RunIdRequest.class).response(EmptyResponse.class),
                tracking.post(API + "runs/log-metric", "Log a metric")
                        .request(LogMetricRequest.class).response(EmptyResponse.class),
                tracking.post(API + "runs/log-parameter", "Log a param")
                        .request(LogParamRequest.class).response(EmptyResponse.class),
                tracking.post(API + "runs/set-tag", "Set a tag on a run").request(SetTagRequest.class).response(EmptyResponse.class),
                tracking.post(API + "runs/delete-tag", "Delete a tag of a run")
                        .request(DeleteTagRequest.class).response(EmptyResponse.class),
                tracking.post(API + "runs/log-batch", "Log a batch of metrics, params and tags")
                        .request(LogBatchRequest.class).response(EmptyResponse.class),
                tracking.post(API + "runs/log-inputs", "Log inputs (datasets and models) of a run")
                        .request(LogInputsRequest.class).response(EmptyResponse.class),
                tracking.post(API + "runs/outputs", "Log the models a run outputs")
                        .request(LogOutputsRequest.class).response(EmptyResponse.class),
                tracking.post(API + "runs/log-model", "Log a model")
                        .request(LogModelRequest.class).response(EmptyResponse.class),
                tracking.post(API + "runs/search", "Search runs")
                        .request(SearchRunsRequest.class).response(SearchRunsResponse.class),
                tracking.get(API + "metrics/get-history", "Get the history of a metric")
                        .requiredQuery("run_id", "the run's id (run_uuid, the older name, is read too)")
                        .requiredQuery("metric_key", "the metric's key")
                        .query("max_results", "the most values in one page")
                        .query("page_token", "the next_page_token of the previous page")
                        .response(GetMetricHistoryResponse.class),
                tracking.get(API + "metrics/get-history-bulk-interval", "Get the history of a metric of several runs, "
                        + "sampled over a step interval")
                        .requiredQuery("run_ids", "the runs' ids (repeated)")
                        .requiredQuery("metric_key", "the metric's key")
                        .query("start_step", "the first step of the interval")
                        .query("end_step", "the last step of the interval")
                        .query("max_results", "the most values per run")
                        .response(GetMetricHistoryBulkIntervalResponse.class));
    }

    private static ApiDoc searchExperiments(ApiDoc doc) {
        return doc.query("filter", "a search filter (name, tags, attributes)")
                .query("order_by", "a sort key, repeated for more")
                .query("view_type", "ACTIVE_ONLY (the default), DELETED_ONLY or ALL")
                .query("max_results", "the most experiments in one page")
                .query("page_token", "the next_page_token of the previous page")
                .response(SearchExperimentsResponse.class);
    }
}
