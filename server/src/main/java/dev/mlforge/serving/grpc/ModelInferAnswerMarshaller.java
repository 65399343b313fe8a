package dev.mlforge.serving.grpc;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.mlforge.serving.grpc.v2.ModelInferResponse;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes ModelInfer answers with each output's {@code fp32_contents} in one bulk little-endian copy: the generated
 * code adds a typed output's floats to its list one at a time and writes them one at a time again. The bytes are
 * those the generated serializer writes for the same message: fields in number order, the contents (field 5) last
 * in an output, the outputs (field 5) before {@code raw_output_contents} (field 6), which typed answers leave empty,
 * and packed floats (proto3's encoding for a repeated float).
 */
final class ModelInferAnswerMarshaller implements MethodDescriptor.Marshaller<ModelInferAnswer> {
    private static final int OUTPUTS = 5;
    private static final int OUTPUT_CONTENTS = 5;
    private static final int FP32_CONTENTS = 6;

    @Override
    public InputStream stream(ModelInferAnswer answer) {
        return new Bytes(bytes(answer));
    }

    /** The answer's bytes on the wire (its message, not framed). */
    static byte[] bytes(ModelInferAnswer answer) {
        ModelInferResponse response = answer.response();
        if (!holdsFloats(answer.fp32())) {
            return response.toByteArray();
        }
        if (response.getRawOutputContentsCount() > 0) {
            throw new IllegalArgumentException("A typed answer has no raw_output_contents");
        }
        byte[] head = response.toBuilder().clearOutputs().build().toByteArray();
        byte[][] outputs = new byte[response.getOutputsCount()][];
        int[] contentsSizes = new int[outputs.length];
        int[] outputSizes = new int[outputs.length];
        int size = head.length;
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = response.getOutputs(i).toByteArray();
            outputSizes[i] = outputs[i].length;
            float[] floats = answer.fp32()[i];
            if (floats != null) {
                contentsSizes[i] = floats.length == 0 ? 0 : lengthDelimitedSize(FP32_CONTENTS, 4 * floats.length);
                outputSizes[i] += lengthDelimitedSize(OUTPUT_CONTENTS, contentsSizes[i]);
            }
            size += lengthDelimitedSize(OUTPUTS, outputSizes[i]);
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.put(head);
        for (int i = 0; i < outputs.length; i++) {
            float[] floats = answer.fp32()[i];
            putHeader(out, OUTPUTS, outputSizes[i]);
            out.put(outputs[i]);
            if (floats != null) {
                putHeader(out, OUTPUT_CONTENTS, contentsSizes[i]);
                if (floats.length > 0) {
                    putHeader(out, FP32_CONTENTS, 4 * floats.length);
                    // A bulk copy keeps each float's bits, as the generated writer does (floatToRawIntBits).
                    out.asFloatBuffer().put(floats);
                    out.position(out.position() + 4 * floats.length);
                }
            }
        }
        if (out.hasRemaining()) {
            throw new IllegalStateException("ModelInfer answer size mismatch: " + out.remaining() + " bytes left");
        }
        return out.array();
    }

    private static boolean holdsFloats(float[][] fp32) {
        for (float[] floats : fp32) {
            if (floats != null) {
                return true;
            }
        }
        return false;
    }

    private static int lengthDelimitedSize(int field, int length) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
    }

    private static void putHeader(ByteBuffer out, int field, int length) {
        putVarint(out, field << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED);
        putVarint(out, length);
    }

    private static void putVarint(ByteBuffer out, int value) {
        while ((value & ~0x7F) != 0) {
            out.put((byte) (value & 0x7F | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    /** Reads an answer (a client of this descriptor), its floats left in the message. */
    @Override
    public ModelInferAnswer parse(InputStream stream) {
        try {
            ModelInferResponse response = ModelInferResponse.parseFrom(stream);
            return new ModelInferAnswer(response, new float[response.getOutputsCount()][]);
        } catch (IOException e) {
            throw Status.INTERNAL.withDescription("Invalid protobuf byte sequence").withCause(e).asRuntimeException();
        }
    }

    /** The bytes with their length known and drained in one write, as gRPC's own protobuf streams are. */
    private static final class Bytes extends ByteArrayInputStream implements KnownLength, Drainable {
        Bytes(byte[] bytes) {
            super(bytes);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int length = count - pos;
            target.write(buf, pos, length);
            pos = count;
            return length;
        }
    }
}
