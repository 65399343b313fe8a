#!/usr/bin/python3
"""Writes golden.json: inputs and the metrics scikit-learn computes for them.

Run with Debian's python3-sklearn: /usr/bin/python3 generate_golden.py > golden.json
PerformanceGoldenTest checks the Java metrics against these values.
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, f1_score, mean_absolute_error, mean_squared_error,
                             precision_score, recall_score, roc_auc_score)

rng = np.random.default_rng(20261124)


def classification_case(name, labels, predicted, scores, classes):
    case = {"name": name, "task": "classification", "labels": labels, "predictions": predicted,
            "class_scores": [dict(zip(classes, map(float, row))) for row in scores] if scores is not None else None}
    expected = {
        "accuracy": accuracy_score(labels, predicted),
        "precision": precision_score(labels, predicted, average="macro", zero_division=0),
        "recall": recall_score(labels, predicted, average="macro", zero_division=0),
        "f1": f1_score(labels, predicted, average="macro", zero_division=0),
    }
    if scores is not None:
        if len(classes) == 2:
            expected["roc_auc"] = roc_auc_score(labels, scores[:, 1])
        else:
            expected["roc_auc"] = roc_auc_score(labels, scores, multi_class="ovr", average="macro", labels=classes)
    case["expected"] = {k: float(v) for k, v in expected.items()}
    return case


def binary_with_ties():
    n = 200
    labels = rng.integers(0, 2, n)
    # scores rounded to one decimal so that many rows tie
    positive = np.clip(np.round(0.35 + 0.3 * labels + rng.normal(0, 0.25, n), 1), 0, 1)
    predicted = (positive >= 0.5).astype(int)
    scores = np.column_stack([1 - positive, positive])
    return classification_case("binary_integer_labels_with_tied_scores", labels.tolist(), predicted.tolist(),
                               scores, ["0", "1"])


def multiclass():
    n = 300
    classes = ["setosa", "versicolor", "virginica"]
    truth = rng.integers(0, 3, n)
    logits = rng.normal(0, 1, (n, 3)) + 1.2 * np.eye(3)[truth]
    scores = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    labels = [classes[i] for i in truth]
    predicted = [classes[i] for i in scores.argmax(axis=1)]
    return classification_case("three_classes_one_vs_rest", labels, predicted, scores, classes)


def predicted_class_never_true():
    labels = ["a", "a", "b", "b", "b", "c", "c", "a", "b", "c"]
    predicted = ["a", "d", "b", "b", "a", "c", "d", "a", "b", "b"]
    return classification_case("predicted_class_absent_from_labels", labels, predicted, None, None)


def regression():
    n = 250
    labels = rng.normal(50, 10, n)
    predicted = labels + rng.normal(0.5, 3, n)
    return {"name": "regression_gaussian_errors", "task": "regression", "labels": labels.tolist(),
            "predictions": predicted.tolist(), "class_scores": None,
            "expected": {"mae": float(mean_absolute_error(labels, predicted)),
                         "rmse": float(np.sqrt(mean_squared_error(labels, predicted)))}}


json.dump({"generator": "generate_golden.py", "sklearn": sklearn.__version__, "numpy": np.__version__,
           "cases": [binary_with_ties(), multiclass(), predicted_class_never_true(), regression()]},
          sys.stdout, indent=1)
sys.stdout.write("\n")
