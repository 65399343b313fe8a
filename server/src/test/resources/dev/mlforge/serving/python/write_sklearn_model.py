"""Writes an MLflow model directory as mlflow.sklearn.save_model does (MLmodel, model.pkl, requirements.txt,
python_env.yaml, conda.yaml), without MLflow, and the held-out rows with the model's own predictions.

usage: write_sklearn_model.py KIND MODEL_DIR HOLDOUT_JSON [EXTRA_REQUIREMENT]
KIND: classifier (logistic regression on iris, fitted on a DataFrame, cloudpickle), labels (the same classifier
fitted on the species' names, so it predicts strings), regressor (ridge on diabetes,
fitted on an array, pickle), slow (a classifier whose predict sleeps 60 s when the first feature is 999; its class
lives in code/slow_model.py, as MLflow's code_paths keep it), broken (model.pkl is not a pickle), xgboost (an
XGBClassifier on iris saved as mlflow.xgboost.save_model does: model.ubj, model_class xgboost.sklearn.XGBClassifier;
needs python3-xgboost).
"""
import json
import os
import pickle
import platform
import sys

import cloudpickle
import numpy as np
import sklearn
from sklearn.datasets import load_diabetes, load_iris
from sklearn.linear_model import LogisticRegression, Ridge

SLOW_MODEL = '''
import time

import numpy as np
from sklearn.linear_model import LogisticRegression


class SlowModel(LogisticRegression):
    """Sleeps when the first feature of the first row is 999, to stand for a hung model."""

    def predict(self, X):
        if np.asarray(X)[0][0] == 999:
            time.sleep(60)
        return super().predict(X)
'''


def column_spec(names):
    return json.dumps([{"type": "double", "name": name, "required": True} for name in names])


def mlmodel(serialization_format, columns, output_type, code):
    return "\n".join([
        "flavors:",
        "  python_function:",
        "    code: %s" % (code or "null"),
        "    env:",
        "      conda: conda.yaml",
        "      virtualenv: python_env.yaml",
        "    loader_module: mlflow.sklearn",
        "    model_path: model.pkl",
        "    predict_fn: predict",
        "    python_version: %s" % platform.python_version(),
        "  sklearn:",
        "    code: %s" % (code or "null"),
        "    pickled_model: model.pkl",
        "    serialization_format: %s" % serialization_format,
        "    sklearn_version: %s" % sklearn.__version__,
        "    skops_trusted_types: null",
        "mlflow_version: 3.11.1",
        "model_size_bytes: 1547",
        "model_uuid: 44f730826ace466cb0c7ddc2b9d20c14",
        "signature:",
        "  inputs: '%s'" % column_spec(columns),
        "  outputs: '[{\"type\": \"%s\", \"required\": true}]'" % output_type,
        "  params: null",
        "utc_time_created: '2026-12-03 22:30:24.911475'",
        "",
    ])


def xgboost_mlmodel(columns):
    import xgboost
    return "\n".join([
        "flavors:",
        "  python_function:",
        "    data: model.ubj",
        "    env:",
        "      conda: conda.yaml",
        "      virtualenv: python_env.yaml",
        "    loader_module: mlflow.xgboost",
        "    python_version: %s" % platform.python_version(),
        "  xgboost:",
        "    code: null",
        "    data: model.ubj",
        "    model_class: xgboost.sklearn.XGBClassifier",
        "    model_format: ubj",
        "    xgb_version: %s" % xgboost.__version__,
        "mlflow_version: 3.11.1",
        "signature:",
        "  inputs: '%s'" % column_spec(columns),
        "  outputs: '[{\"type\": \"long\", \"required\": true}]'",
        "  params: null",
        "",
    ])


def write_xgboost(directory, holdout_file):
    import xgboost
    iris = load_iris(as_frame=True)
    frame, y = iris.data, iris.target
    order = np.random.RandomState(7).permutation(len(frame))
    train, test = order[:-20], order[-20:]
    model = xgboost.XGBClassifier(n_estimators=20, max_depth=3).fit(frame.iloc[train], y.iloc[train])
    model.save_model(os.path.join(directory, "model.ubj"))
    columns = list(frame.columns)
    with open(os.path.join(directory, "MLmodel"), "w") as file:
        file.write(xgboost_mlmodel(columns))
    with open(os.path.join(directory, "requirements.txt"), "w") as file:
        file.write("mlflow==3.11.1\nnumpy==%s\nxgboost==%s\n" % (np.__version__, xgboost.__version__))
    with open(holdout_file, "w") as file:
        json.dump({"columns": columns, "rows": frame.iloc[test].to_numpy().tolist(),
                   "predictions": model.predict(frame.iloc[test]).tolist()}, file)


def write_environment(directory, extra):
    requirements = ["mlflow==3.11.1", "cloudpickle==%s" % cloudpickle.__version__, "numpy==%s" % np.__version__,
                    "scikit-learn==%s" % sklearn.__version__] + ([extra] if extra else [])
    with open(os.path.join(directory, "requirements.txt"), "w") as file:
        file.write("\n".join(requirements))
    with open(os.path.join(directory, "python_env.yaml"), "w") as file:
        file.write("python: %s\nbuild_dependencies:\n- pip\ndependencies:\n- -r requirements.txt\n"
                   % platform.python_version())
    with open(os.path.join(directory, "conda.yaml"), "w") as file:
        file.write("channels:\n- conda-forge\ndependencies:\n- python=%s\n- pip\n- pip:\n%s\nname: mlflow-env\n"
                   % (platform.python_version(), "\n".join("  - " + line for line in requirements)))


def main():
    kind, directory, holdout_file = sys.argv[1:4]
    extra = sys.argv[4] if len(sys.argv) > 4 else None
    os.makedirs(directory, exist_ok=True)
    if kind == "xgboost":
        write_xgboost(directory, holdout_file)
        return
    code = None
    rng = np.random.RandomState(7)
    if kind == "regressor":
        X, y = load_diabetes(return_X_y=True)
        columns = ["f%d" % i for i in range(X.shape[1])]
        order = rng.permutation(len(X))
        train, test = order[:-20], order[-20:]
        model = Ridge(alpha=0.5).fit(X[train], y[train])
        serialization_format, output_type = "pickle", "double"
        held_out = X[test]
    else:
        iris = load_iris(as_frame=True)
        frame, y = iris.data, iris.target
        if kind == "labels":
            y = y.map(dict(enumerate(iris.target_names)))
        columns = list(frame.columns)
        order = rng.permutation(len(frame))
        train, test = order[:-20], order[-20:]
        if kind == "slow":
            code = "code"
            os.makedirs(os.path.join(directory, code), exist_ok=True)
            with open(os.path.join(directory, code, "slow_model.py"), "w") as file:
                file.write(SLOW_MODEL)
            sys.path.insert(0, os.path.join(directory, code))
            from slow_model import SlowModel
            model = SlowModel(max_iter=1000).fit(frame.iloc[train].to_numpy(), y.iloc[train])
        else:
            model = LogisticRegression(max_iter=1000).fit(frame.iloc[train], y.iloc[train])
        serialization_format, output_type = "cloudpickle", "string" if kind == "labels" else "long"
        held_out = frame.iloc[test] if kind != "slow" else frame.iloc[test].to_numpy()
    with open(os.path.join(directory, "model.pkl"), "wb") as file:
        if kind == "broken":
            file.write(b"this is not a pickle")
        elif serialization_format == "cloudpickle":
            cloudpickle.dump(model, file, protocol=pickle.DEFAULT_PROTOCOL)
        else:
            pickle.dump(model, file, protocol=pickle.DEFAULT_PROTOCOL)
    with open(os.path.join(directory, "MLmodel"), "w") as file:
        file.write(mlmodel(serialization_format, columns, output_type, code))
    write_environment(directory, extra)
    predictions = model.predict(held_out) if kind != "broken" else []
    with open(holdout_file, "w") as file:
        json.dump({"columns": columns, "rows": np.asarray(held_out).tolist(),
                   "predictions": np.asarray(predictions).tolist()}, file)


if __name__ == "__main__":
    main()
