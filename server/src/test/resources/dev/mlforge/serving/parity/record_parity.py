"""Writes the scoring parity fixtures: MLflow model directories saved by the real MLflow 3.11 with Debian's
scikit-learn and xgboost (fixed seeds), and what MLflow's own scoring server (`mlflow models serve --env-manager
local`) answered to each request of cases.json. ScoringParityTest deploys the same directories on mlforge and
compares its answers with these.

usage (from this folder, needs the mlflow-python tool of /work/shared/tools and free ports 19510-19519):
  mlflow-python 3 record_parity.py [--answers-only]   # writes models/ (unless --answers-only) and answers.json
Recorded with python 3.11.2, scikit-learn 1.2.1, xgboost 1.7.4, pandas 1.5.3, numpy 1.24.2, cloudpickle 2.2.0 (Debian
bookworm), MLflow 3.11.2.dev0. MLflow's CLI also needs python3-dotenv, and `mlflow models serve` runs `uvicorn` from the
PATH: with Debian's python3-uvicorn, put a `uvicorn` script running `python3 -m uvicorn "$@"` on the PATH first.
"""
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "models")
FIRST_PORT = 19510


def iris_split():
    from sklearn.datasets import load_iris
    iris = load_iris(as_frame=True)
    order = np.random.RandomState(7).permutation(len(iris.data))
    return iris.data, iris.target, order[:-20], order[-6:]


def save_models(write):
    import mlflow
    import sklearn.linear_model
    import xgboost
    from mlflow.models import infer_signature
    from sklearn.datasets import load_diabetes

    if write:
        shutil.rmtree(MODELS, ignore_errors=True)
        os.makedirs(MODELS)
    def save(flavor, *args, **kwargs):  # without --answers-only; else only the rows, for models saved before
        if write:
            flavor.save_model(*args, **kwargs)

    frame, target, train, test = iris_split()
    classifier = sklearn.linear_model.LogisticRegression(max_iter=1000).fit(frame.iloc[train], target.iloc[train])
    save(mlflow.sklearn, classifier, os.path.join(MODELS, "sklearn_classifier"),
                              signature=infer_signature(frame.iloc[test], classifier.predict(frame.iloc[test])))

    diabetes = load_diabetes(as_frame=True, scaled=True)
    rows = np.random.RandomState(7).permutation(len(diabetes.data))
    regressor = sklearn.linear_model.Ridge(alpha=0.5).fit(diabetes.data.iloc[rows[:-20]], diabetes.target.iloc[rows[:-20]])
    held = diabetes.data.iloc[rows[-6:]]
    save(mlflow.sklearn, regressor, os.path.join(MODELS, "sklearn_regressor"),
                              signature=infer_signature(held, regressor.predict(held)))

    booster = xgboost.XGBClassifier(n_estimators=20, max_depth=3, random_state=7).fit(frame.iloc[train], target.iloc[train])
    save(mlflow.xgboost, booster, os.path.join(MODELS, "xgboost_classifier"),
                              signature=infer_signature(frame.iloc[test], booster.predict(frame.iloc[test])))

    xgb_regressor = xgboost.XGBRegressor(n_estimators=20, max_depth=3, random_state=7).fit(
        diabetes.data.iloc[rows[:-20]], diabetes.target.iloc[rows[:-20]])
    save(mlflow.xgboost, xgb_regressor, os.path.join(MODELS, "xgboost_regressor"),
                              signature=infer_signature(held, xgb_regressor.predict(held)))

    sys.path.insert(0, HERE)
    import parity_models
    example = pd.DataFrame({"a": [0.25, 0.5, 1.5], "b": [0.5, 1.25, -0.125]})
    for name, model in (("pyfunc_frame", parity_models.FrameModel()), ("pyfunc_dict", parity_models.DictModel())):
        save(mlflow.pyfunc, os.path.join(MODELS, name), python_model=model,
                                 code_paths=[os.path.join(HERE, "parity_models.py")],
                                 signature=infer_signature(example, model.predict(None, example)))
    return frame.iloc[test], held, example


def requests_for(frame):
    """The same rows in every input format MLflow's scoring server takes, and bad inputs."""
    split = json.loads(frame.to_json(orient="split", index=False))
    records = json.loads(frame.to_json(orient="records"))
    columns = {column: frame[column].tolist() for column in frame.columns}
    missing = {"dataframe_split": {"columns": split["columns"][1:], "data": [row[1:] for row in split["data"]]}}
    text = {"dataframe_split": {"columns": split["columns"], "data": [["x"] + row[1:] for row in split["data"]]}}
    return [
        ("dataframe_split", "application/json", json.dumps({"dataframe_split": split})),
        ("dataframe_records", "application/json", json.dumps({"dataframe_records": records})),
        ("instances", "application/json", json.dumps({"instances": records})),
        ("inputs", "application/json", json.dumps({"inputs": columns})),
        ("csv", "text/csv", frame.to_csv(index=False)),
        ("bad_missing_column", "application/json", json.dumps(missing)),
        ("bad_text_value", "application/json", json.dumps(text)),
        ("bad_two_formats", "application/json", json.dumps({"dataframe_split": split, "instances": records})),
        ("bad_list", "application/json", json.dumps(records)),
        ("bad_json", "application/json", '{"dataframe_split": '),
    ]


def wait_ready(port, process):
    for _ in range(1200):
        if process.poll() is not None:
            raise RuntimeError("mlflow models serve exited with %s" % process.returncode)
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/ping" % port, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    raise RuntimeError("mlflow models serve did not start on port %d" % port)


def post(port, content_type, body):
    request = urllib.request.Request("http://127.0.0.1:%d/invocations" % port, data=body.encode("utf-8"),
                                     headers={"Content-Type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type"), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), error.read().decode("utf-8")


def record(model, port, requests):
    command = [sys.executable, "-m", "mlflow", "models", "serve", "-m", os.path.join(MODELS, model),
               "--env-manager", "local", "-p", str(port), "-h", "127.0.0.1", "-w", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=open(os.path.join("/tmp", model + ".log"), "w"))
    try:
        wait_ready(port, process)
        answers = []
        for case, content_type, body in requests:
            status, answer_type, answer = post(port, content_type, body)
            answers.append({"model": model, "case": case, "content_type": content_type, "request": body,
                            "status": status, "answer_content_type": answer_type, "answer": answer})
        return answers
    finally:
        process.terminate()
        process.wait(30)


def main():
    iris_rows, diabetes_rows, example = save_models("--answers-only" not in sys.argv)
    plans = [("sklearn_classifier", iris_rows), ("sklearn_regressor", diabetes_rows),
             ("xgboost_classifier", iris_rows), ("xgboost_regressor", diabetes_rows),
             ("pyfunc_frame", example), ("pyfunc_dict", example)]
    answers = []
    for offset, (model, rows) in enumerate(plans):
        answers.extend(record(model, FIRST_PORT + offset, requests_for(rows)))
    with open(os.path.join(HERE, "answers.json"), "w") as file:
        json.dump(answers, file, indent=1)
        file.write("\n")


if __name__ == "__main__":
    main()
