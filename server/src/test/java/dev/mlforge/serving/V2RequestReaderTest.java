package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streaming V2 reader answers what the tree reader answers for the same body: the same tensors, and for a bad
 * body the same error code and message; a malformed body is refused as the door refuses it on other routes.
 */
class V2RequestReaderTest {
    private static final List<String> VALID = List.of(
            "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [6.2, 2.8, 4.8, 1.8]}]}",
            "{\"id\": \"r1\", \"parameters\": {\"trace\": true}, \"outputs\": [{\"name\": \"label\"}],"
                    + " \"inputs\": [{\"name\": \"input\", \"shape\": [2, 2], \"datatype\": \"fp32\", \"data\": [[1, 2], [3e2, -4.5]]}]}",
            "{\"inputs\": [{\"data\": [1.5, 2.5], \"name\": \"input\", \"shape\": [2], \"datatype\": \"FP64\"}]}",
            "{\"inputs\": [{\"name\": \"a\", \"datatype\": \"FP32\", \"shape\": [3], \"data\": [null, \"NaN\", \"-Infinity\"],"
                    + " \"parameters\": {\"x\": 1}}, {\"name\": \"b\", \"shape\": [2], \"datatype\": \"INT64\", \"data\": [7, -9]}]}",
            "{\"inputs\": [{\"name\": \"flags\", \"shape\": [2], \"datatype\": \"BOOL\", \"data\": [true, false]},"
                    + " {\"name\": \"words\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\"hello\"]},"
                    + " {\"name\": \"small\", \"shape\": [2], \"datatype\": \"UINT8\", \"data\": [255, 0]}], \"unknown\": [1, {\"a\": 2}]}",
            "{\"inputs\": [{\"name\": 5, \"shape\": [1], \"datatype\": \"FP32\", \"data\": 3}]}");

    private static final List<String> INVALID = List.of(
            "{\"inputs\": []}",
            "{\"inputs\": {}}",
            "{\"outputs\": []}",
            "{\"inputs\": [7]}",
            "{\"inputs\": [{\"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]}",
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP8\", \"data\": [1]}]}",
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP16\", \"data\": [1]}]}",
            "{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"data\": [1]}]}",
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [-1], \"datatype\": \"FP32\", \"data\": [1]}]}",
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\"}]}",
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [3], \"datatype\": \"FP32\", \"data\": [1, 2]}]}",
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [[1, 2], [3]]}]}",
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [2], \"datatype\": \"FP32\", \"data\": [1, \"two\"]}]}",
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [2], \"datatype\": \"FP32\", \"data\": [1, {\"v\": 2}]}]}",
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"INT64\", \"data\": [1.5]}]}",
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"UINT8\", \"data\": [256]}]}",
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]},"
                    + " {\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [2]}]}",
            "{\"id\": 5, \"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]}",
            "{\"parameters\": [], \"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]}",
            "{\"outputs\": [{\"id\": 1}], \"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]}");

    @Test
    void valid_bodies_give_the_tensors_the_tree_reader_gives() throws Exception {
        for (String body : VALID) {
            V2Protocol.Request streamed = V2Protocol.readRequest(body.getBytes(StandardCharsets.UTF_8));
            V2Protocol.Request tree = V2Protocol.readRequest(Json.mapper().readTree(body));

            assertThat(streamed.id()).as(body).isEqualTo(tree.id());
            assertThat(streamed.parameters()).as(body).isEqualTo(tree.parameters());
            assertThat(streamed.outputs()).as(body).isEqualTo(tree.outputs());
            assertThat(streamed.inputs()).as(body).hasSameSizeAs(tree.inputs());
            for (int i = 0; i < tree.inputs().size(); i++) {
                Tensor expected = tree.inputs().get(i);
                Tensor actual = streamed.inputs().get(i);
                assertThat(actual.name()).as(body).isEqualTo(expected.name());
                assertThat(actual.datatype()).as(body).isEqualTo(expected.datatype());
                assertThat(actual.shape()).as(body).isEqualTo(expected.shape());
                assertThat(Arrays.deepEquals(new Object[] {actual.data()}, new Object[] {expected.data()}))
                        .as(body + ": " + actual).isTrue();
            }
        }
    }

    @Test
    void streamed_fp32_values_are_the_floats_of_the_decimal_text() {
        V2Protocol.Request request = V2Protocol.readRequest(
                "{\"inputs\": [{\"name\": \"x\", \"shape\": [3], \"datatype\": \"FP32\", \"data\": [0.1, 16777217, -2.5e-3]}]}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat((float[]) request.inputs().get(0).data()).containsExactly(0.1f, 16777216f, -0.0025f);
    }

    @Test
    void invalid_bodies_get_the_error_the_tree_reader_gives() throws Exception {
        for (String body : INVALID) {
            MlforgeException fromTree = catchError(() -> V2Protocol.readRequest(Json.mapper().readTree(body)));
            MlforgeException streamed = catchError(() -> V2Protocol.readRequest(body.getBytes(StandardCharsets.UTF_8)));

            assertThat(fromTree).as(body).isNotNull();
            assertThat(streamed).as(body).isNotNull();
            assertThat(streamed.errorCode()).as(body).isEqualTo(fromTree.errorCode());
            assertThat(streamed.getMessage()).as(body).isEqualTo(fromTree.getMessage());
        }
    }

    @Test
    void content_after_the_object_is_refused_as_the_door_refuses_it() {
        assertThatThrownBy(() -> V2Protocol.readRequest(("{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\","
                + " \"data\": [1]}]} {\"inputs\": []}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(MlforgeException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageStartingWith("The request body must be one JSON object, found more content after it at line 1, column ");
    }

    @Test
    void a_body_malformed_after_a_bad_tensor_is_answered_as_malformed() {
        assertThatThrownBy(() -> V2Protocol.readRequest(("{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\","
                + " \"data\": [\"bad\"]}], \"id\": }").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(MlforgeException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageStartingWith("The request body is not valid JSON: ");
    }

    @Test
    void a_blank_body_is_not_a_json_object() {
        assertThatThrownBy(() -> V2Protocol.readRequest("  ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(MlforgeException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessage("The request body must be a JSON object");
    }

    private interface Call {
        void run() throws Exception;
    }

    private static MlforgeException catchError(Call call) throws Exception {
        try {
            call.run();
            return null;
        } catch (MlforgeException e) {
            return e;
        }
    }
}
