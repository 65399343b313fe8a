#!/usr/bin/python3
"""Trains small XGBoost models on the committed UCI data and writes them as `mlflow.xgboost.log_model` does.

Run from this folder with Debian's python3-xgboost (1.7.4) and python3-numpy (no MLflow needed):
    /usr/bin/python3 generate_boosters.py
Writes two MLflow model directories and, next to each, the predictions XGBoost itself made on the held-out rows
(every fifth row of the data), which the JVM runtime (xgboost4j) must reproduce:
  iris_xgb_classifier/   XGBClassifier, model.ubj (MLflow's default model_format), column signature
  iris_xgb_classifier.expected.json   {"columns", "rows", "labels" (predict), "probabilities" (predict_proba)}
  wine_xgb_booster/      xgboost.Booster (multi:softprob), model.json, tensor signature
  wine_xgb_booster.expected.json      {"rows", "predictions" (Booster.predict)}
The MLmodel files follow MLflow 3.11's layout (mlflow/xgboost/__init__.py: save_model). Deterministic (fixed seeds).
LightGBM has no Debian package: its test trains in Java with lightgbm4j and compares with that library's predict.
"""
import json
import os
import shutil

import numpy as np
import xgboost as xgb

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
IRIS_COLUMNS = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def load(name):
    rows = np.loadtxt(os.path.join(DATA, name), delimiter=",", skiprows=1)
    held_out = np.arange(len(rows)) % 5 == 0
    features, labels = rows[:, :-1], rows[:, -1].astype(np.int64)
    return features[~held_out], labels[~held_out], features[held_out]


def mlmodel(model_file, model_class, model_format, inputs, outputs):
    signature_inputs = json.dumps(inputs)
    signature_outputs = json.dumps(outputs)
    return f"""artifact_path: model
flavors:
  python_function:
    data: {model_file}
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.xgboost
    python_version: 3.11.2
  xgboost:
    code: null
    data: {model_file}
    model_class: {model_class}
    model_format: {model_format}
    xgb_version: {xgb.__version__}
mlflow_version: 3.11.0
model_uuid: 5d0c2b7e61a84f3c9e2a7b1d4c6f8a90
signature:
  inputs: '{signature_inputs}'
  outputs: '{signature_outputs}'
  params: null
utc_time_created: '2026-12-03 22:00:00.000000'
"""


def write_model(name, model_file, save, mlmodel_text):
    directory = os.path.join(HERE, name)
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    save(os.path.join(directory, model_file))
    with open(os.path.join(directory, "MLmodel"), "w") as out:
        out.write(mlmodel_text)
    with open(os.path.join(directory, "python_env.yaml"), "w") as out:
        out.write(f"python: 3.11.2\nbuild_dependencies:\n- pip\ndependencies:\n- -r requirements.txt\n")
    with open(os.path.join(directory, "requirements.txt"), "w") as out:
        out.write(f"mlflow==3.11.0\nxgboost=={xgb.__version__}\n")


def write_expected(name, values):
    with open(os.path.join(HERE, name + ".expected.json"), "w") as out:
        json.dump(values, out, indent=1)
        out.write("\n")


def iris_classifier():
    train_x, train_y, rows = load("iris.csv")
    model = xgb.XGBClassifier(n_estimators=20, max_depth=3, learning_rate=0.3, random_state=7, n_jobs=1)
    model.fit(train_x, train_y)
    inputs = [{"type": "double", "name": column, "required": True} for column in IRIS_COLUMNS]
    outputs = [{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]
    write_model("iris_xgb_classifier", "model.ubj", model.save_model,
                mlmodel("model.ubj", "xgboost.sklearn.XGBClassifier", "ubj", inputs, outputs))
    write_expected("iris_xgb_classifier", {
        "columns": IRIS_COLUMNS,
        "rows": rows.tolist(),
        "labels": model.predict(rows).tolist(),
        "probabilities": model.predict_proba(rows).astype(float).tolist(),
    })


def wine_booster():
    train_x, train_y, rows = load("wine_data.csv")
    params = {"objective": "multi:softprob", "num_class": 3, "max_depth": 3, "eta": 0.3, "seed": 7, "nthread": 1}
    booster = xgb.train(params, xgb.DMatrix(train_x, label=train_y), num_boost_round=15)
    inputs = [{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, train_x.shape[1]]}}]
    outputs = [{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 3]}}]
    write_model("wine_xgb_booster", "model.json", booster.save_model,
                mlmodel("model.json", "xgboost.core.Booster", "json", inputs, outputs))
    write_expected("wine_xgb_booster", {
        "rows": rows.tolist(),
        "predictions": booster.predict(xgb.DMatrix(rows)).astype(float).tolist(),
    })


if __name__ == "__main__":
    iris_classifier()
    wine_booster()
