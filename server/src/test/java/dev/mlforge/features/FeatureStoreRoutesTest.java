package dev.mlforge.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.GoldenText;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FeatureStoreRoutesTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    static final String DRIVERS = """
            driver_id,event_timestamp,conv_rate,trips,city
            1001,2024-01-01T00:00:00Z,0.5,10,paris
            1001,2024-01-02T00:00:00Z,0.625,11,paris
            1002,2024-01-01T12:00:00Z,0.75,20,rome
            1001,2023-12-31T00:00:00Z,0.125,1,paris
            1003,2999-01-01T00:00:00Z,0.875,30,oslo
            """;

    static Map<String, Object> definitions(long ttl) {
        return Map.of(
                "entities", List.of(Map.of("name", "driver", "join_key", "driver_id")),
                "feature_views", List.of(Map.of(
                        "name", "driver_stats",
                        "entities", List.of("driver"),
                        "source", Map.of("path", "features/drivers.csv"),
                        "timestamp_field", "event_timestamp",
                        "ttl", ttl,
                        "features", List.of(Map.of("name", "conv_rate", "dtype", "Float64"),
                                Map.of("name", "trips", "dtype", "Int64"), Map.of("name", "city", "dtype", "String")))),
                "feature_services", List.of(Map.of("name", "driver_model", "features",
                        List.of("driver_stats:conv_rate", "driver_stats:trips"))));
    }

    private TestHttp http() throws IOException {
        Files.createDirectories(server.dataDir().resolve("features"));
        Files.writeString(server.dataDir().resolve("features/drivers.csv"), DRIVERS);
        return server.http();
    }

    @Test
    void applying_definitions_versions_only_what_changed() throws IOException {
        TestHttp http = http();
        JsonNode first = http.post("/api/v1/features/apply", definitions(0)).json(200);
        assertThat(first.path("applied")).extracting(node -> node.path("name").asText() + "@" + node.path("version").asInt()
                + (node.path("changed").asBoolean() ? "*" : "")).containsExactly("driver@1*", "driver_stats@1*", "driver_model@1*");

        JsonNode again = http.post("/api/v1/features/apply", definitions(0)).json(200);
        assertThat(again.path("applied")).allMatch(node -> !node.path("changed").asBoolean() && node.path("version").asInt() == 1);

        JsonNode changed = http.post("/api/v1/features/apply", definitions(86_400)).json(200);
        assertThat(changed.path("applied").get(1).path("version").asInt()).isEqualTo(2);
        assertThat(changed.path("applied").get(0).path("changed").asBoolean()).isFalse();

        JsonNode latest = http.get("/api/v1/feature-views/driver_stats").json(200).path("feature_view");
        assertThat(latest.path("ttl").asLong()).isEqualTo(86_400);
        assertThat(latest.path("version").asInt()).isEqualTo(2);
        assertThat(http.get("/api/v1/feature-views/driver_stats?version=1").json(200).path("feature_view").path("ttl").asLong())
                .isZero();
        JsonNode listing = http.get("/api/v1/feature-views").json(200).path("feature_views");
        assertThat(listing).hasSize(1);
        assertThat(listing.get(0).path("entities").get(0).asText()).isEqualTo("driver");
        assertThat(listing.get(0).path("features")).hasSize(3);
        assertThat(listing.get(0).path("source_description").asText()).isEqualTo("features/drivers.csv");
        assertThat(http.get("/api/v1/entities/driver").json(200).path("entity").path("join_key").asText()).isEqualTo("driver_id");
        assertThat(http.get("/api/v1/feature-services").json(200).path("feature_services").get(0).path("features"))
                .hasSize(2);
    }

    @Test
    void one_definition_at_a_time_answers_201_when_new_and_200_when_unchanged() throws IOException {
        TestHttp http = http();
        assertThat(http.post("/api/v1/entities", Map.of("name", "driver", "join_keys", List.of("driver_id"))).status())
                .isEqualTo(201);
        assertThat(http.post("/api/v1/entities", Map.of("name", "driver", "join_keys", List.of("driver_id"))).status())
                .isEqualTo(200);
        Map<String, Object> view = Map.of("name", "v", "entities", List.of("driver"), "source",
                Map.of("path", "features/drivers.csv"), "timestamp_field", "event_timestamp", "ttl", "2h",
                "schema", List.of(Map.of("name", "trips", "dtype", "Int64")));
        JsonNode created = http.post("/api/v1/feature-views", view).json(201);
        assertThat(created.path("feature_view").path("ttl").asLong()).isEqualTo(7200);
        assertThat(created.path("changed").asBoolean()).isTrue();
    }

    @Test
    void invalid_definitions_are_refused_with_400s_that_name_the_problem() throws IOException {
        TestHttp http = http();
        Map<String, Object> entity = Map.of("name", "driver", "join_key", "driver_id");
        assertRefused(http, Map.of("entities", List.of(Map.of("name", "1bad"))), "name");
        assertRefused(http, Map.of("entities", List.of(entity), "feature_views", List.of(view("Double", "features/drivers.csv",
                "driver"))), "dtype 'Double'");
        assertRefused(http, Map.of("feature_views", List.of(view("Int64", "features/drivers.csv", "rider"))),
                "entity 'rider'");
        assertRefused(http, Map.of("entities", List.of(entity), "feature_views", List.of(view("Int64", "../outside.csv",
                "driver"))), "outside the server's data dir");
        assertRefused(http, Map.of("entities", List.of(entity), "feature_views", List.of(view("Int64", "features/none.csv",
                "driver"))), "no such file");
        assertRefused(http, Map.of("entities", List.of(entity), "feature_views", List.of(view("Int64", "features/drivers.txt",
                "driver"))), ".csv or .parquet");
        assertRefused(http, Map.of("entities", List.of(entity), "feature_views", List.of(Map.of("name", "v",
                "entities", List.of("driver"), "source", Map.of("dataset", "nope"), "timestamp_field", "event_timestamp",
                "features", List.of(Map.of("name", "trips", "dtype", "Int64"))))), "dataset 'nope'");
        assertRefused(http, Map.of("entities", List.of(entity), "feature_views", List.of(view("Int64", "features/drivers.csv",
                "driver")), "feature_services", List.of(Map.of("name", "s", "features", List.of("v:speed")))), "no feature 'speed'");
        assertRefused(http, Map.of("entities", List.of(Map.of("name", "driver", "colour", "red"))), "unknown field 'colour'");
        assertRefused(http, Map.of("things", List.of()), "Unknown field 'things'");
        // nothing of a refused document was written
        assertThat(http.get("/api/v1/entities").json(200).path("entities")).isEmpty();

        assertThat(http.get("/api/v1/feature-views/missing").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/feature-views/missing").errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(http.get("/api/v1/feature-views/missing?version=x").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/feature-views/missing/materialize", Map.of()).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/features/apply", "[1]").status()).isEqualTo(400);
    }

    private static Map<String, Object> view(String dtype, String path, String entity) {
        return Map.of("name", "v", "entities", List.of(entity), "source", Map.of("path", path),
                "timestamp_field", "event_timestamp", "features", List.of(Map.of("name", "trips", "dtype", dtype)));
    }

    private static void assertRefused(TestHttp http, Object document, String mentioning) {
        TestHttp.Response response = http.post("/api/v1/features/apply", document);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(response.json().path("message").asText()).contains(mentioning);
    }

    @Test
    void materialized_features_are_served_in_feasts_shape() throws IOException {
        TestHttp http = http();
        http.post("/api/v1/features/apply", definitions(0)).json(200);
        JsonNode state = http.post("/api/v1/feature-views/driver_stats/materialize", Map.of()).json(200).path("materialization");
        assertThat(state.path("rows_written").asLong()).isEqualTo(2);
        assertThat(state.path("materialized_until").asText()).isEqualTo("2024-01-02T00:00:00Z");

        TestHttp.Response answer = http.post("/get-online-features", Map.of(
                "features", List.of("driver_stats:conv_rate", "driver_stats:trips", "driver_stats:city"),
                "entities", Map.of("driver_id", List.of(1001, 1002, 1003))));
        new GoldenText().assertMatches("features/get_online_features.json", answer.body());

        JsonNode byService = http.post("/get-online-features", Map.of("feature_service", "driver_model",
                "entities", Map.of("driver_id", List.of("1002")), "full_feature_names", true)).json(200);
        assertThat(byService.path("metadata").path("feature_names")).extracting(JsonNode::asText)
                .containsExactly("driver_id", "driver_stats__conv_rate", "driver_stats__trips");
        assertThat(byService.path("results").get(1).path("values").get(0).asDouble()).isEqualTo(0.75);

        JsonNode own = http.post("/api/v1/feature-views/driver_stats/online", Map.of("entities",
                Map.of("driver_id", List.of(1001)), "features", List.of("city"))).json(200);
        assertThat(own.path("results").get(1).path("values").get(0).asText()).isEqualTo("paris");
    }

    @Test
    void materialization_is_incremental_and_values_older_than_the_ttl_are_outside_max_age() throws IOException {
        TestHttp http = http();
        http.post("/api/v1/features/apply", definitions(0)).json(200);
        http.post("/api/v1/feature-views/driver_stats/materialize", Map.of()).json(200);
        Files.writeString(server.dataDir().resolve("features/drivers.csv"), DRIVERS
                + "1002,2024-01-03T00:00:00Z,0.25,21,rome\n"
                + "1001,2023-06-01T00:00:00Z,0.0,0,paris\n");
        JsonNode state = http.post("/api/v1/feature-views/driver_stats/materialize", Map.of()).json(200).path("materialization");
        assertThat(state.path("rows_written").asLong()).isEqualTo(1);
        assertThat(state.path("materialized_until").asText()).isEqualTo("2024-01-03T00:00:00Z");
        JsonNode values = http.post("/get-online-features", Map.of("features", List.of("driver_stats:conv_rate"),
                "entities", Map.of("driver_id", List.of(1001, 1002)))).json(200).path("results").get(1);
        assertThat(values.path("values")).extracting(JsonNode::asDouble).containsExactly(0.625, 0.25);

        // a TTL of one day: the 2024 values are outside max age now; a new view version starts from an empty table
        http.post("/api/v1/features/apply", definitions(86_400)).json(200);
        http.post("/api/v1/feature-views/driver_stats/materialize", Map.of()).json(200);
        JsonNode stale = http.post("/get-online-features", Map.of("features", List.of("driver_stats:conv_rate"),
                "entities", Map.of("driver_id", List.of(1001)))).json(200).path("results").get(1);
        assertThat(stale.path("statuses").get(0).asText()).isEqualTo("OUTSIDE_MAX_AGE");
        assertThat(stale.path("values").get(0).isNull()).isTrue();
        assertThat(stale.path("event_timestamps").get(0).asText()).isEqualTo("2024-01-02T00:00:00Z");
    }

    @Test
    void bad_online_requests_are_400s() throws IOException {
        TestHttp http = http();
        http.post("/api/v1/features/apply", definitions(0)).json(200);
        assertBadLookup(http, Map.of("features", List.of("driver_stats:conv_rate")), "'entities'");
        assertBadLookup(http, Map.of("features", List.of("driver_stats:speed"), "entities", Map.of("driver_id", List.of(1))),
                "no feature 'speed'");
        assertBadLookup(http, Map.of("features", List.of("nope:x"), "entities", Map.of("driver_id", List.of(1))), "'nope'");
        assertBadLookup(http, Map.of("features", List.of("driver_stats:trips"), "entities", Map.of("rider_id", List.of(1))),
                "'driver_id'");
        assertBadLookup(http, Map.of("features", List.of("driver_stats:trips"), "entities",
                Map.of("driver_id", List.of(1, 2), "other", List.of(1))), "same length");
        assertBadLookup(http, Map.of("entities", Map.of("driver_id", List.of(1))), "exactly one of");
        assertBadLookup(http, Map.of("features", List.of("driver_stats:trips"), "entities", Map.of("driver_id", List.of(
                Map.of("a", 1)))), "numbers or strings");
        assertThat(http.post("/get-online-features", "{").status()).isEqualTo(400);
    }

    @Test
    void online_lookups_answer_the_same_ahead_of_the_router_and_through_it() throws IOException {
        TestHttp http = http();
        http.post("/api/v1/features/apply", definitions(0)).json(200);
        http.post("/api/v1/feature-views/driver_stats/materialize", Map.of()).json(200);
        // a plain request is answered ahead of the router; Accept-Encoding: br is left to the router
        Map<String, Object> lookup = Map.of("features", List.of("driver_stats:conv_rate", "driver_stats:city"),
                "entities", Map.of("driver_id", List.of(1001, 1002, 4040)));
        for (Object request : List.of(lookup, Map.of("features", List.of("driver_stats:speed"), "entities",
                Map.of("driver_id", List.of(1))), "{")) {
            TestHttp.Response lean = http.send("POST", "/get-online-features", "application/json", request);
            TestHttp.Response router = http.send("POST", "/get-online-features", "application/json", request,
                    "Accept-Encoding", "br");
            assertThat(lean.status()).as(lean.body()).isEqualTo(router.status());
            assertThat(lean.body()).isEqualTo(router.body());
            assertThat(lean.header("Content-Type")).isEqualTo(router.header("Content-Type"));
        }
        TestHttp.Response found = http.send("POST", "/get-online-features", "application/json", lookup);
        assertThat(found.json(200).path("results").get(2).path("statuses")).extracting(JsonNode::asText)
                .containsExactly("PRESENT", "PRESENT", "NOT_FOUND");
        assertThat(new FeastRoutes(null).dataPlaneRoutes()).extracting(route -> route.path())
                .containsExactly("/get-online-features");
    }

    private static void assertBadLookup(TestHttp http, Object request, String mentioning) {
        TestHttp.Response response = http.post("/get-online-features", request);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains(mentioning);
    }

    static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
