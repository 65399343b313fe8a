#!/usr/bin/python3
"""Writes golden vectors for mlforge's performance metrics with scikit-learn 1.2 (Debian bookworm python3-sklearn):

    /usr/bin/python3 server/src/test/golden/generate_performance_goldens.py
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "performance")
warnings.filterwarnings("ignore")


def main():
    rng = np.random.default_rng(42)
    classification = []

    def add(name, labels, predictions, scores):
        labels = [int(v) for v in labels]
        predictions = [int(v) for v in predictions]
        scores = [float(v) for v in scores]
        case = {"name": name, "labels": labels, "predictions": predictions, "scores": scores,
                "accuracy": metrics.accuracy_score(labels, predictions),
                "precision": metrics.precision_score(labels, predictions, pos_label=1, zero_division="warn"),
                "recall": metrics.recall_score(labels, predictions, pos_label=1, zero_division="warn"),
                "f1": metrics.f1_score(labels, predictions, pos_label=1, zero_division="warn")}
        if len(set(labels)) == 2:
            case["roc_auc"] = metrics.roc_auc_score(labels, scores)
        classification.append(case)

    labels = rng.integers(0, 2, 500)
    scores = np.clip(labels * 0.3 + rng.normal(0.35, 0.25, 500), 0, 1)
    add("random_binary", labels, (scores > 0.5).astype(int), scores)
    tied = np.round(scores, 1)
    add("tied_scores", labels, (tied > 0.5).astype(int), tied)
    add("perfect", [0, 1, 1, 0, 1], [0, 1, 1, 0, 1], [0.1, 0.9, 0.8, 0.2, 0.7])
    add("all_wrong", [0, 1, 1, 0], [1, 0, 0, 1], [0.9, 0.1, 0.2, 0.8])
    add("no_predicted_positive", [0, 1, 1, 0], [0, 0, 0, 0], [0.3, 0.3, 0.3, 0.3])
    add("single_class", [1, 1, 1], [1, 0, 1], [0.2, 0.5, 0.9])

    regression = []
    for name, actual, predicted in [
            ("small", [1.0, 2.0, 3.0, 4.0], [1.5, 1.5, 3.5, 5.0]),
            ("random", rng.normal(10, 3, 1000).round(4), rng.normal(10, 3, 1000).round(4))]:
        actual = [float(v) for v in actual]
        predicted = [float(v) for v in predicted]
        regression.append({"name": name, "actual": actual, "predicted": predicted,
                           "mae": metrics.mean_absolute_error(actual, predicted),
                           "rmse": float(np.sqrt(metrics.mean_squared_error(actual, predicted)))})

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "performance.json"), "w") as f:
        json.dump({"generated_with": {"sklearn": sklearn.__version__}, "classification": classification,
                   "regression": regression}, f, indent=0)


if __name__ == "__main__":
    main()
