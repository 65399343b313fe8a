#!/usr/bin/python3
"""Trains small scikit-learn models on the committed UCI data and writes them as explicit ONNX graphs.

Run from this folder with Debian's python3-onnx, python3-sklearn and python3-numpy:
    /usr/bin/python3 generate_models.py
Writes iris_logreg.onnx, wine_mlp.onnx, the MLflow model directory iris_mlflow/ and the held-out rows with the
labels scikit-learn predicted (iris_holdout.csv, wine_holdout.csv). Deterministic (fixed seeds).
`generate_models.py bench-mlp OUT.onnx` writes the batching benchmark's wide MLP instead (see bench_mlp), and
`generate_models.py bench-mlp64 OUT.onnx` the data-plane benchmark's 64-input MLP (see bench_mlp64).
"""
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")


def load(name):
    rows = np.loadtxt(os.path.join(DATA, name), delimiter=",", skiprows=1)
    return rows[:, :-1].astype(np.float32), rows[:, -1].astype(np.int64)


def const(name, array):
    return numpy_helper.from_array(np.asarray(array, dtype=np.float32), name)


def graph_outputs(nodes, logits):
    nodes.append(helper.make_node("Softmax", [logits], ["probabilities"], axis=1))
    nodes.append(helper.make_node("ArgMax", ["probabilities"], ["label"], axis=1, keepdims=0))


def save(nodes, initializers, features, classes, path):
    graph = helper.make_graph(
        nodes, os.path.basename(path), [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", features])],
        [helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
         helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", classes])],
        initializers)
    model = helper.make_model(graph, producer_name="mlforge-test-generator",
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


def write_holdout(path, x, labels):
    with open(path, "w") as out:
        for row, label in zip(x, labels):
            out.write(",".join(repr(float(v)) for v in row) + "," + str(int(label)) + "\n")


def iris():
    x, y = load("iris.csv")
    x_train, x_test, y_train, _ = train_test_split(x, y, test_size=30, random_state=7, stratify=y)
    clf = LogisticRegression(max_iter=1000).fit(x_train, y_train)
    nodes = [helper.make_node("MatMul", ["input", "W"], ["xw"]), helper.make_node("Add", ["xw", "b"], ["logits"])]
    graph_outputs(nodes, "logits")
    path = os.path.join(HERE, "iris_logreg.onnx")
    save(nodes, [const("W", clf.coef_.T), const("b", clf.intercept_)], 4, 3, path)
    write_holdout(os.path.join(HERE, "iris_holdout.csv"), x_test, clf.predict(x_test))
    return path


def wine(hidden=(64, 64), file="wine_mlp.onnx", holdout="wine_holdout.csv"):
    x, y = load("wine_data.csv")
    x_train, x_test, y_train, _ = train_test_split(x, y, test_size=30, random_state=7, stratify=y)
    scaler = StandardScaler().fit(x_train)
    clf = MLPClassifier(hidden_layer_sizes=hidden, max_iter=2000, random_state=7).fit(scaler.transform(x_train), y_train)
    nodes = [helper.make_node("Sub", ["input", "mean"], ["centred"]),
             helper.make_node("Div", ["centred", "scale"], ["scaled"])]
    inits = [const("mean", scaler.mean_), const("scale", scaler.scale_)]
    previous = "scaled"
    for i, (w, b) in enumerate(zip(clf.coefs_, clf.intercepts_)):
        nodes.append(helper.make_node("MatMul", [previous, f"W{i}"], [f"xw{i}"]))
        nodes.append(helper.make_node("Add", [f"xw{i}", f"b{i}"], [f"z{i}"]))
        inits += [const(f"W{i}", w), const(f"b{i}", b)]
        previous = f"z{i}"
        if i < len(clf.coefs_) - 1:
            nodes.append(helper.make_node("Relu", [previous], [f"h{i}"]))
            previous = f"h{i}"
    graph_outputs(nodes, previous)
    save(nodes, inits, 13, 3, os.path.join(HERE, file))
    write_holdout(os.path.join(HERE, holdout), x_test, clf.predict(scaler.transform(x_test)))


MLMODEL = """artifact_path: model
flavors:
  onnx:
    code: null
    data: model.onnx
    onnx_version: {onnx_version}
    providers:
    - CPUExecutionProvider
  python_function:
    data: model.onnx
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.onnx
    python_version: 3.11.2
mlflow_version: 2.9.2
model_uuid: 3f1c9a0e5b8d4c7e9a2b6d4f8e1c3a5b
run_id: 9b2f4d6e8a0c4e1f
signature:
  inputs: '{inputs}'
  outputs: '{outputs}'
  params: null
utc_time_created: '2026-11-24 06:00:00.000000'
"""


def mlflow_directory(onnx_path):
    folder = os.path.join(HERE, "iris_mlflow")
    os.makedirs(folder, exist_ok=True)
    shutil.copyfile(onnx_path, os.path.join(folder, "model.onnx"))
    columns = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    inputs = [{"type": "double", "name": c, "required": True} for c in columns]
    outputs = [{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}, "name": "label"},
               {"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 3]}, "name": "probabilities"}]
    with open(os.path.join(folder, "MLmodel"), "w") as out:
        out.write(MLMODEL.format(onnx_version=onnx.__version__, inputs=json.dumps(inputs), outputs=json.dumps(outputs)))


def bench_mlp(path, width=1024, layers=3, features=13):
    """The batching benchmark's model (not committed; bench/serving.sh writes it): 13 inputs, three hidden layers of
    1024 ReLU units, 3 classes, random weights (seed 7). Its 8 MB of weights make a single-row call memory-bound,
    which is the case adaptive batching exists for."""
    rng = np.random.default_rng(7)
    nodes, inits, previous, fan_in = [], [], "input", features
    for i in range(layers + 1):
        fan_out = 3 if i == layers else width
        inits += [const(f"W{i}", rng.normal(0, (2 / fan_in) ** 0.5, (fan_in, fan_out))), const(f"b{i}", np.zeros(fan_out))]
        nodes += [helper.make_node("MatMul", [previous, f"W{i}"], [f"xw{i}"]),
                  helper.make_node("Add", [f"xw{i}", f"b{i}"], [f"z{i}"])]
        previous = f"z{i}"
        if i < layers:
            nodes.append(helper.make_node("Relu", [previous], [f"h{i}"]))
            previous = f"h{i}"
        fan_in = fan_out
    graph_outputs(nodes, previous)
    save(nodes, inits, features, 3, path)


def bench_mlp64(path):
    """The data-plane benchmark's model (not committed; ProductVsBareBench asks for it): 64 inputs, two hidden layers
    of 64 ReLU units, 3 classes, random weights (seed 7). A single-row call takes microseconds, so a request's cost is
    the HTTP, JSON and platform work around it: what that benchmark measures."""
    bench_mlp(path, width=64, layers=2, features=64)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "bench-mlp":
        bench_mlp(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "bench-mlp64":
        bench_mlp64(sys.argv[2])
    else:
        mlflow_directory(iris())
        wine()
