package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model answering FP16 and BF16 tensors (ONNX Runtime casting its FP32 input): JSON answers carry the values the
 * 16-bit floats stand for, binary answers their raw little-endian bits. The inputs are exact in both formats
 * (1.5, -2.25, 2^-7 and 2^-24, the smallest FP16 subnormal), so the answer must repeat them exactly.
 */
class HalfFloatOutputsTest {
    private static final String INFER = "/v2/models/halves/infer";
    private static final String ROW = "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 4], \"datatype\": \"FP32\","
            + " \"data\": [1.5, -2.25, 0.0078125, 5.9604645E-8]}]%s}";
    private static final float[] VALUES = {1.5f, -2.25f, 0x1p-7f, 0x1p-24f};

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    private final LoggedModels models = new LoggedModels(server);
    private TestHttp http;

    @BeforeEach
    void deploy(@TempDir Path directory) throws Exception {
        http = server.http();
        models.registerModel("halves", HalfFloatModel.write(directory));
        assertThat(models.deploy("halves", "models:/halves/1").status()).isEqualTo(200);
    }

    @Test
    void fp16_and_bf16_outputs_are_answered_as_the_values_they_stand_for() {
        JsonNode outputs = http.post(INFER, String.format(ROW, "")).json(200).get("outputs");

        for (String name : new String[]{"half", "brain"}) {
            JsonNode output = find(outputs, name);
            assertThat(output.get("datatype").asText()).isEqualTo(name.equals("half") ? "FP16" : "BF16");
            float[] data = new float[4];
            for (int i = 0; i < 4; i++) {
                data[i] = output.get("data").get(i).floatValue();
            }
            assertThat(data).as(name).containsExactly(VALUES);
        }
    }

    @Test
    void fp16_and_bf16_outputs_asked_as_binary_data_come_as_their_raw_bits() throws Exception {
        TestHttp.Response response = http.post(INFER, String.format(ROW,
                ", \"parameters\": {\"binary_data_output\": true}"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        int jsonLength = Integer.parseInt(response.header("Inference-Header-Content-Length").orElseThrow());
        byte[] bytes = response.bytes();
        JsonNode json = dev.mlforge.http.Json.mapper().readTree(new String(bytes, 0, jsonLength, java.nio.charset.StandardCharsets.UTF_8));
        ByteBuffer binary = ByteBuffer.wrap(bytes, jsonLength, bytes.length - jsonLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode output : json.get("outputs")) {
            assertThat(output.has("data")).isFalse();
            assertThat(output.get("parameters").get("binary_data_size").asInt()).isEqualTo(8);
            short[] bits = new short[4];
            binary.asShortBuffer().get(bits);
            binary.position(binary.position() + 8);
            short[] expected = output.get("name").asText().equals("half")
                    ? new short[]{0x3E00, (short) 0xC080, 0x2000, 0x0001}
                    : new short[]{0x3FC0, (short) 0xC010, 0x3C00, 0x3380};
            assertThat(bits).as(output.get("name").asText()).containsExactly(expected);
        }
        assertThat(binary.hasRemaining()).isFalse();
        assertThat(Arrays.asList(json.get("outputs").get(0).get("name").asText(), json.get("outputs").get(1).get("name").asText()))
                .containsExactlyInAnyOrder("half", "brain");
    }

    @Test
    void sixteen_bit_floats_decode_to_their_values() {
        assertThat(HalfFloats.fp16ToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfFloats.fp16ToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(HalfFloats.fp16ToFloat((short) 0x7E00)).isNaN();
        assertThat(HalfFloats.fp16ToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(HalfFloats.fp16ToFloat((short) 0x8000)).isEqualTo(-0.0f);
        assertThat(HalfFloats.fp16ToFloat((short) 0x03FF)).isEqualTo(1023 * 0x1p-24f);
        assertThat(HalfFloats.bf16ToFloat((short) 0x3F80)).isEqualTo(1f);
        assertThat(HalfFloats.bf16ToFloat((short) 0xFF80)).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    private static JsonNode find(JsonNode outputs, String name) {
        for (JsonNode output : outputs) {
            if (output.get("name").asText().equals(name)) {
                return output;
            }
        }
        throw new AssertionError("No output " + name + " in " + outputs);
    }
}
