#!/usr/bin/python3
"""Writes iris_negated.onnx: the server's test iris model (serving/models/iris_logreg.onnx) with every weight and bias
negated, so that it loads and answers like the real one but predicts the least likely class: the deliberately broken
model version of SmokeTestCommandTest. Flips the sign bit of each float32 of the initializers' raw_data in place
(protobuf wire format: ModelProto.graph = 7, GraphProto.initializer = 5, TensorProto.raw_data = 9), so no length
changes and no onnx package is needed.
    cd cli/src/test/resources/smoke && /usr/bin/python3 negate_weights.py ../../../../../server/src/test/resources/serving/models/iris_logreg.onnx
"""
import sys


def varint(data, i):
    value, shift = 0, 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def fields(data, start, end):
    i = start
    while i < end:
        key, i = varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            _, i = varint(data, i)
        elif wire == 2:
            length, i = varint(data, i)
            yield number, i, i + length
            i += length
        elif wire == 5:
            i += 4
        elif wire == 1:
            i += 8
        else:
            raise ValueError("unexpected wire type %d" % wire)


def main(source, target):
    data = bytearray(open(source, "rb").read())
    flipped = 0
    for number, start, end in fields(data, 0, len(data)):
        if number != 7:
            continue
        for g_number, g_start, g_end in fields(data, start, end):
            if g_number != 5:
                continue
            for t_number, t_start, t_end in fields(data, g_start, g_end):
                if t_number == 9:
                    for sign_byte in range(t_start + 3, t_end, 4):
                        data[sign_byte] ^= 0x80
                        flipped += 1
    open(target, "wb").write(bytes(data))
    print("negated %d floats into %s" % (flipped, target))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "iris_negated.onnx")
