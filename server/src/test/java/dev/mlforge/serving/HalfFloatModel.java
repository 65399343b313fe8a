package dev.mlforge.serving;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny ONNX model written by hand in protobuf's wire format (no ONNX library needed to build it): FP32 input
 * {@code x} of shape [N, 4], cast to an FP16 output {@code half} and a BF16 output {@code brain} (opset 13 Cast).
 */
final class HalfFloatModel {
    private static final int FLOAT = 1;
    private static final int FLOAT16 = 10;
    private static final int BFLOAT16 = 16;

    private HalfFloatModel() {}

    static Path write(Path directory) throws IOException {
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        message(graph, 1, cast("half", FLOAT16));
        message(graph, 1, cast("brain", BFLOAT16));
        text(graph, 2, "halves");
        message(graph, 11, valueInfo("x", FLOAT));
        message(graph, 12, valueInfo("half", FLOAT16));
        message(graph, 12, valueInfo("brain", BFLOAT16));
        ByteArrayOutputStream opset = new ByteArrayOutputStream();
        text(opset, 1, "");
        number(opset, 2, 13);
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        number(model, 1, 8);
        text(model, 2, "mlforge-test");
        message(model, 7, graph.toByteArray());
        message(model, 8, opset.toByteArray());
        Path file = directory.resolve("halves.onnx");
        Files.write(file, model.toByteArray());
        return file;
    }

    private static byte[] cast(String output, int to) throws IOException {
        ByteArrayOutputStream attribute = new ByteArrayOutputStream();
        text(attribute, 1, "to");
        number(attribute, 3, to);
        number(attribute, 20, 2);
        ByteArrayOutputStream node = new ByteArrayOutputStream();
        text(node, 1, "x");
        text(node, 2, output);
        text(node, 3, "cast_" + output);
        text(node, 4, "Cast");
        message(node, 5, attribute.toByteArray());
        return node.toByteArray();
    }

    /** A tensor of {@code elementType} and shape [N, 4]. */
    private static byte[] valueInfo(String name, int elementType) throws IOException {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        text(rows, 2, "N");
        ByteArrayOutputStream columns = new ByteArrayOutputStream();
        number(columns, 1, 4);
        ByteArrayOutputStream shape = new ByteArrayOutputStream();
        message(shape, 1, rows.toByteArray());
        message(shape, 1, columns.toByteArray());
        ByteArrayOutputStream tensor = new ByteArrayOutputStream();
        number(tensor, 1, elementType);
        message(tensor, 2, shape.toByteArray());
        ByteArrayOutputStream type = new ByteArrayOutputStream();
        message(type, 1, tensor.toByteArray());
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        text(info, 1, name);
        message(info, 2, type.toByteArray());
        return info.toByteArray();
    }

    private static void number(ByteArrayOutputStream out, int field, long value) {
        varint(out, (long) field << 3);
        varint(out, value);
    }

    private static void text(ByteArrayOutputStream out, int field, String value) throws IOException {
        message(out, field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void message(ByteArrayOutputStream out, int field, byte[] bytes) throws IOException {
        varint(out, (long) field << 3 | 2);
        varint(out, bytes.length);
        out.write(bytes);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}
