package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.http.Json;
import org.junit.jupiter.api.Test;

/** The JSON form of 8- and 16-bit tensors: numbers, never base64, and unsigned types without a sign. */
class V2ProtocolTest {

    @Test
    void unsigned_8_and_16_bit_values_are_written_as_their_unsigned_numbers() throws Exception {
        Tensor uint8 = new Tensor("out", DataType.UINT8, new long[] {3}, new byte[] {(byte) 200, 0, (byte) 255});
        Tensor uint16 = new Tensor("out", DataType.UINT16, new long[] {2}, new short[] {(short) 65535, 7});

        assertThat(Json.mapper().writeValueAsString(V2Protocol.jsonData(uint8))).isEqualTo("[200,0,255]");
        assertThat(Json.mapper().writeValueAsString(V2Protocol.jsonData(uint16))).isEqualTo("[65535,7]");
    }

    @Test
    void signed_8_and_16_bit_values_keep_their_sign() throws Exception {
        Tensor int8 = new Tensor("out", DataType.INT8, new long[] {2}, new byte[] {-56, 127});
        Tensor int16 = new Tensor("out", DataType.INT16, new long[] {2}, new short[] {-1, 300});

        assertThat(Json.mapper().writeValueAsString(V2Protocol.jsonData(int8))).isEqualTo("[-56,127]");
        assertThat(Json.mapper().writeValueAsString(V2Protocol.jsonData(int16))).isEqualTo("[-1,300]");
    }
}
