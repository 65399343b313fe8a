package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.http.Role;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.GoldenText;
import dev.mlforge.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The full access matrix of issue 13: every route the application registers (enumerated from the running server) x
 * (anonymous, reader, editor, manager, admin, other workspace), against the table {@code golden/auth/route-matrix.txt}
 * keyed by method and path, so a route without an expectation (or one whose answers changed) fails. Each case is a real
 * HTTP call in workspace {@code team-a}, whose members hold READ, EDIT and MANAGE, about resources that exist there (an
 * experiment with a run, logged model and trace, a registered model with a version and a transition request, a dataset,
 * a deployment, a pipeline run, schedule and trigger, feature definitions, an alert rule, a webhook); the path
 * parameters name them and the request names them too (query string or JSON body). "Other" is an EDIT member of
 * {@code team-b} naming team-a's resources from team-b. A cell is the status class: {@code 2xx}, {@code 401},
 * {@code 403}, {@code 404}, {@code 4xx} (any other refusal of the request itself) or {@code 5xx}. Routes that delete
 * run last, in path order, so they do not take the resources away from the others.
 */
class RouteRoleMatrixTest {
    private static final String PASSWORD_SUFFIX = "-password";

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth(Callers.ADMIN, Callers.ADMIN_PASSWORD)
            .withConfig("webhooks.allowed-hosts", "hooks.example.com");

    private static final String PIPELINE = "name: matrix\nsteps:\n"
            + "  - {name: write, uses: dev.mlforge.pipelines.TestSteps$Write, cache: false, with: {text: hi}}\n";

    /** A caller: user (null: anonymous) and the workspace its requests name. */
    private record Caller(String column, String user, String workspace) {
        TestHttp.Response send(String method, String path, String contentType, Object body) {
            List<String> headers = new ArrayList<>(List.of("X-MLFLOW-WORKSPACE", workspace));
            if (user != null) {
                String password = user.equals(Callers.ADMIN) ? Callers.ADMIN_PASSWORD : user + PASSWORD_SUFFIX;
                headers.addAll(List.of("Authorization", Callers.basic(user, password)));
            }
            return new TestHttp(server.baseUrl()).send(method, path, contentType, body, headers.toArray(String[]::new));
        }
    }

    private static final Caller ADMIN_A = new Caller("admin", Callers.ADMIN, "team-a");
    private static final List<Caller> CALLERS = List.of(new Caller("anonymous", null, "team-a"),
            new Caller("reader", "rita", "team-a"), new Caller("editor", "eddie", "team-a"),
            new Caller("manager", "mona", "team-a"), ADMIN_A, new Caller("other", "otto", "team-b"));

    /** The resources of team-a the calls name, by path parameter (and, for a few, by the route they are under). */
    private final Map<String, String> ids = new LinkedHashMap<>();

    private TestHttp.Response admin(String method, String path, Object body) {
        return ADMIN_A.send(method, path, "application/json", body);
    }

    private void resources() throws Exception {
        Callers callers = new Callers(server.http());
        for (String user : List.of("rita", "eddie", "mona", "otto")) {
            callers.createUser(user, user + PASSWORD_SUFFIX);
        }
        for (String workspace : List.of("team-a", "team-b")) {
            admin("POST", "/api/3.0/mlflow/workspaces", Map.of("name", workspace)).json(201);
        }
        for (String[] member : new String[][] {{"team-a", "rita", "READ"}, {"team-a", "eddie", "EDIT"},
                {"team-a", "mona", "MANAGE"}, {"team-b", "otto", "EDIT"}}) {
            admin("POST", "/api/3.0/mlflow/workspaces/" + member[0] + "/permissions", Map.of("username", member[1],
                    "permission", member[2])).ok();
        }
        String experiment = admin("POST", "/api/2.0/mlflow/experiments/create", Map.of("name", "matrix-exp")).json(200)
                .path("experiment_id").asText();
        String run = admin("POST", "/api/2.0/mlflow/runs/create", Map.of("experiment_id", experiment)).json(200)
                .at("/run/info/run_id").asText();
        ids.put("experiment_id", experiment);
        ids.put("run_id", run);
        ids.put("model_id", admin("POST", "/api/2.0/mlflow/logged-models", Map.of("experiment_id", experiment, "name", "m"))
                .json(200).at("/model/info/model_id").asText());
        ids.put("trace_id", admin("POST", "/api/2.0/mlflow/traces", Map.of("experiment_id", experiment, "timestamp_ms", 1000))
                .json(200).at("/trace_info/request_id").asText());
        admin("POST", "/api/2.0/mlflow/registered-models/create", Map.of("name", "matrix-model")).ok();
        admin("POST", "/api/2.0/mlflow/model-versions/create", Map.of("name", "matrix-model", "source", "runs:/" + run + "/model",
                "run_id", run)).ok();
        ids.put("transition_request", admin("POST", "/api/v1/registry/transition-requests", Map.of("name", "matrix-model",
                "version", "1", "alias", "champion")).json(201).path("id").asText());
        ADMIN_A.send("POST", "/api/v1/datasets?name=matrix-data", "text/csv", "a,b\n1,2\n").ok();
        // the deployment's model lives in team-a, logged by team-a's run (names and references stay in a workspace)
        ADMIN_A.send("PUT", "/api/2.0/mlflow-artifacts/artifacts/" + experiment + "/" + run + "/artifacts/model/iris_logreg.onnx",
                "application/octet-stream", Files.readAllBytes(Path.of(RouteRoleMatrixTest.class
                        .getResource("/serving/models/iris_logreg.onnx").toURI()))).ok();
        admin("POST", "/api/2.0/mlflow/registered-models/create", Map.of("name", "matrix-iris")).ok();
        admin("POST", "/api/2.0/mlflow/model-versions/create", Map.of("name", "matrix-iris", "source", "runs:/" + run + "/model",
                "run_id", run)).ok();
        admin("POST", "/api/v1/deployments", Map.of("name", "matrix-dep", "model_uri", "models:/matrix-iris/1")).ok();
        ids.put("pipeline_run", admin("POST", "/api/v1/pipelines/runs", Map.of("pipeline", PIPELINE)).json(201)
                .path("run_id").asText());
        admin("POST", "/api/v1/pipelines/schedules", Map.of("name", "matrix-nightly", "cron", "0 3 * * *", "pipeline", PIPELINE,
                "enabled", false)).json(201);
        admin("POST", "/api/v1/pipelines/triggers", Map.of("deployment", "matrix-dep", "pipeline", PIPELINE)).json(201);
        Files.createDirectories(server.dataDir().resolve("features"));
        Files.writeString(server.dataDir().resolve("features/matrix.csv"),
                "driver_id,event_timestamp,trips\n1,2024-01-01T00:00:00Z,10\n");
        admin("POST", "/api/v1/features/apply", Map.of("entities", List.of(Map.of("name", "matrix_driver", "join_key", "driver_id")),
                "feature_views", List.of(Map.of("name", "matrix_stats", "entities", List.of("matrix_driver"),
                        "source", Map.of("path", "features/matrix.csv"), "timestamp_field", "event_timestamp",
                        "features", List.of(Map.of("name", "trips", "dtype", "Int64")))),
                "feature_services", List.of(Map.of("name", "matrix_service", "features", List.of("matrix_stats:trips")))))
                .json(200);
        ids.put("alert_rule", admin("POST", "/api/v1/alert-rules", Map.of("name", "matrix-drift", "metric", "drift_share",
                "comparator", ">", "threshold", 0.5, "deployment", "matrix-dep")).json(200).at("/alert_rule/id").asText());
        ids.put("webhook_id", admin("POST", "/api/2.0/mlflow/webhooks", Map.of("name", "matrix-hook",
                "url", "https://hooks.example.com/m", "events", List.of(Map.of("entity", "MODEL_VERSION", "action", "CREATED"))))
                .json(200).at("/webhook/webhook_id").asText());
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}|<([^>]+)>");

    /** The route template with each path parameter naming a resource of team-a ({@code x} when none is kept). */
    private String concrete(String template) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String parameter = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            matcher.appendReplacement(path, Matcher.quoteReplacement(value(template, parameter)));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private String value(String template, String parameter) {
        return switch (parameter) {
            case "name" -> nameUnder(template);
            case "version" -> "1";
            case "request_id", "trace_id" -> ids.get("trace_id");
            case "deployment" -> "matrix-dep";
            case "workspace_name" -> "team-a";
            case "run_id" -> template.startsWith("/api/v1/pipelines") || template.startsWith("/ui/pipelines")
                    ? ids.get("pipeline_run") : ids.get("run_id");
            case "id" -> template.contains("alert-rules") ? ids.get("alert_rule")
                    : template.contains("transition-requests") ? ids.get("transition_request") : "x";
            default -> ids.getOrDefault(parameter, "x");
        };
    }

    private static String nameUnder(String template) {
        Map<String, String> byPrefix = new LinkedHashMap<>();
        byPrefix.put("/api/v1/deployments", "matrix-dep");
        byPrefix.put("/v2/models", "matrix-dep");
        byPrefix.put("/ui/deployments", "matrix-dep");
        byPrefix.put("/api/v1/datasets", "matrix-data");
        byPrefix.put("/ui/datasets", "matrix-data");
        byPrefix.put("/api/v1/entities", "matrix_driver");
        byPrefix.put("/api/v1/feature-views", "matrix_stats");
        byPrefix.put("/api/v1/feature-services", "matrix_service");
        byPrefix.put("/api/v1/pipelines/schedules", "matrix-nightly");
        byPrefix.put("/api/3.0/mlflow/workspaces", "team-a");
        byPrefix.put("/ajax-api/3.0/mlflow/workspaces", "team-a");
        return byPrefix.entrySet().stream().filter(entry -> template.startsWith(entry.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("matrix-model");
    }

    /** What every request names besides its path: the experiment, run, registered model version. */
    private Map<String, Object> fields() {
        return Map.of("experiment_id", ids.get("experiment_id"), "run_id", ids.get("run_id"), "name", "matrix-model",
                "version", "1");
    }

    private String query() {
        return "experiment_id=" + ids.get("experiment_id") + "&run_id=" + ids.get("run_id") + "&name=matrix-model&version=1"
                + "&model=matrix-model";
    }

    /** Signs the browser out on purpose with a 401 challenge, whoever calls. */
    private static final String SIGNS_OUT = "GET /ui/logout";

    /**
     * What the declared role alone decides, whatever the table says: only public routes answer the anonymous caller,
     * an administrator passes every door, a reader never changes anything, and neither a reader nor an editor passes an
     * admin route.
     */
    private static List<String> brokenRules(String route, Role role, List<String> row) {
        List<String> broken = new ArrayList<>();
        if (route.equals(SIGNS_OUT)) {
            return broken;
        }
        if (row.get(0).equals("401") == (role == Role.PUBLIC)) {
            broken.add(route + " anonymous -> " + row.get(0));
        }
        if (row.get(4).equals("401") || row.get(4).equals("403")) {
            broken.add(route + " admin -> " + row.get(4));
        }
        if ((role == Role.WRITE || role == Role.ADMIN) && row.get(1).equals("2xx")) {
            broken.add(route + " reader -> 2xx");
        }
        // a MANAGE member may pass an admin route about a resource it manages (deleting a schedule or trigger)
        for (int member = 1; role == Role.ADMIN && member <= 2; member++) {
            if (!row.get(member).equals("403")) {
                broken.add(route + " " + CALLERS.get(member).column() + " -> " + row.get(member));
            }
        }
        return broken;
    }

    private static boolean deletes(String route) {
        return route.startsWith("DELETE ") || route.contains("delete") || route.contains("purge");
    }

    private static String statusClass(int status) {
        return switch (status) {
            case 401, 403, 404 -> String.valueOf(status);
            default -> status / 100 == 2 ? "2xx" : status / 100 == 4 ? "4xx" : status / 100 + "xx";
        };
    }

    private TestHttp.Response call(Caller caller, String method, String path) {
        boolean body = !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        if (method.equals("POST") && path.equals("/api/v1/datasets")) {
            return caller.send(method, path + "?name=matrix-data", "text/csv", "a,b\n3,4\n");
        }
        if (!body) {
            return caller.send(method, path + (path.contains("?") ? "&" : "?") + query(), null, null);
        }
        return caller.send(method, path, "application/json", fields());
    }

    @Test
    void every_route_answers_each_kind_of_caller_as_the_table_expects() throws Exception {
        resources();
        Map<String, Role> roles = server.application().routeRoles();
        List<String> routes = roles.keySet().stream().filter(route -> !route.startsWith("HEAD ") && !route.startsWith("OPTIONS "))
                .sorted(Comparator.comparing(RouteRoleMatrixTest::deletes).thenComparing(Comparator.naturalOrder())).toList();
        StringBuilder table = new StringBuilder("# method path (declared role): anonymous reader editor manager admin other\n");
        List<String> broken = new ArrayList<>();
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = concrete(route.substring(route.indexOf(' ') + 1));
            table.append(route).append(" (").append(roles.get(route)).append("):");
            List<String> row = new ArrayList<>();
            for (Caller caller : CALLERS) {
                row.add(statusClass(call(caller, method, path).status()));
            }
            row.forEach(cell -> table.append(' ').append(cell));
            table.append('\n');
            broken.addAll(brokenRules(route, roles.get(route), row));
        }
        new GoldenText().assertMatches("auth/route-matrix.txt", table.toString().stripTrailing());
        assertThat(broken).as("rows that break the declared roles").isEmpty();
    }
}
