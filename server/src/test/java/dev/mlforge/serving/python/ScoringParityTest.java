package dev.mlforge.serving.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /invocations} answers what MLflow 3.11's own scoring server ({@code mlflow models serve --env-manager local})
 * answered for the same model directories and request bodies, recorded in {@code parity/answers.json} by
 * {@code parity/record_parity.py}: sklearn classifier and regressor, xgboost classifier and regressor, custom pyfunc
 * models answering a DataFrame and a dict; bodies in every input format (dataframe_split, dataframe_records,
 * instances, inputs, CSV) and bad ones.
 *
 * <p>The rule: a 200 answer is byte for byte MLflow's ({@code json.dumps} text: its separators, and floats as Python's
 * {@code repr} writes them), except the sklearn regressor's, whose numbers must be within 1e-12 of MLflow's: its last
 * bits depend on how the rows reached sklearn (MLflow answers the same values sent as {@code inputs} and as CSV with
 * other last bits, through pandas' CSV float parser; MLflow predicts on a DataFrame, mlforge's worker on an array). An
 * error answer has MLflow's status, its {@code error_code}, and a {@code message} that starts as MLflow's does, up to
 * its first quote, bracket or brace (the rest quotes Python objects: a DataFrame's repr, an exception's).
 *
 * <p>A custom model whose {@code predict} returns a dict of arrays is answered as MLflow answers it,
 * {@code {"predictions": {"doubled": [...], ...}}}, and one returning a DataFrame one object per row.
 */
class ScoringParityTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("serving.python.interpreter", SklearnModels.interpreter())
            .withConfig("serving.python.environments", "off");
    private static final Map<String, Boolean> DEPLOYED = new ConcurrentHashMap<>();

    /** One recorded exchange with MLflow's scoring server. */
    record Case(String model, String name, String contentType, String request, int status, String answer) {
        @Override
        public String toString() {
            return model + " " + name;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (JsonNode recorded : Json.mapper().readTree(fixtures().resolve("answers.json").toFile())) {
            cases.add(new Case(recorded.get("model").asText(), recorded.get("case").asText(),
                    recorded.get("content_type").asText(), recorded.get("request").asText(), recorded.get("status").asInt(),
                    recorded.get("answer").asText()));
        }
        return cases.stream();
    }

    private static final String FORMAT_DEPENDENT_FLOATS = "sklearn_regressor";

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void invocations_answer_as_mlflows_scoring_server(Case recorded) throws IOException {
        deploy(recorded.model());

        TestHttp.Response answer = server.http().send("POST", "/api/v1/deployments/" + recorded.model() + "/invocations",
                recorded.contentType(), recorded.request());

        assertThat(answer.status()).as(answer.body()).isEqualTo(recorded.status());
        if (recorded.status() == 200 && recorded.model().equals(FORMAT_DEPENDENT_FLOATS)) {
            JsonNode expected = Json.mapper().readTree(recorded.answer()).get("predictions");
            JsonNode actual = answer.json().get("predictions");
            assertThat(actual).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).isDouble()).isTrue();
                assertThat(actual.get(i).asDouble()).isCloseTo(expected.get(i).asDouble(), within(Math.abs(expected.get(i).asDouble()) * 1e-12));
            }
        } else if (recorded.status() == 200) {
            assertThat(answer.body()).isEqualTo(recorded.answer());
        } else {
            JsonNode expected = Json.mapper().readTree(recorded.answer());
            assertThat(answer.errorCode()).as(answer.body()).isEqualTo(expected.get("error_code").asText());
            assertThat(answer.json().get("message").asText()).startsWith(unquotedStart(expected.get("message").asText()));
        }
    }

    /** MLflow's message up to its first quote, bracket or brace: the part that quotes no Python object. */
    private static String unquotedStart(String message) {
        for (int i = 0; i < message.length(); i++) {
            if ("'\"[{".indexOf(message.charAt(i)) >= 0) {
                return message.substring(0, i);
            }
        }
        return message;
    }

    private static void deploy(String model) {
        DEPLOYED.computeIfAbsent(model, name -> {
            LoggedModels models = new LoggedModels(server);
            String version = models.registerModel(name, fixtures().resolve("models").resolve(name));
            TestHttp.Response deployed = models.deploy(name, "models:/" + name + "/" + version);
            assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
            return true;
        });
    }

    private static Path fixtures() {
        try {
            return Path.of(ScoringParityTest.class.getResource("/dev/mlforge/serving/parity").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
