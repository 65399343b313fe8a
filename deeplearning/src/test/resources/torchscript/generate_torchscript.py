#!/usr/bin/python3
"""Writes a small scripted PyTorch model as `mlflow.pytorch.log_model(torch.jit.script(model))` saves it.

Run from this folder with Debian's python3-torch (no MLflow needed):
    /usr/bin/python3 generate_torchscript.py
Writes the MLflow model directory mlp_torchscript/ (data/model.pth is a TorchScript archive, flavors pytorch and
python_function as in MLflow 3.11's mlflow/pytorch/__init__.py) and mlp_torchscript.expected.json with 12 input
rows and the outputs PyTorch itself computed for them. Deterministic (fixed seed).
"""
import json
import os
import shutil

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


class Mlp(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = torch.nn.Linear(4, 8)
        self.out = torch.nn.Linear(8, 3)

    def forward(self, x):
        return torch.softmax(self.out(torch.relu(self.hidden(x))), dim=1)


def main():
    torch.manual_seed(7)
    model = torch.jit.script(Mlp().eval())
    directory = os.path.join(HERE, "mlp_torchscript")
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(os.path.join(directory, "data"))
    torch.jit.save(model, os.path.join(directory, "data", "model.pth"))
    inputs = json.dumps([{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}}])
    outputs = json.dumps([{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 3]}}])
    with open(os.path.join(directory, "MLmodel"), "w") as out:
        out.write(f"""artifact_path: model
flavors:
  python_function:
    data: data
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.pytorch
    pickle_module_name: mlflow.pytorch.pickle_module
    python_version: 3.11.2
  pytorch:
    code: null
    model_data: data
    pytorch_version: {torch.__version__}
mlflow_version: 3.11.0
model_uuid: 0b8c2f4e6a1d4e3f9c7b5a2d1e0f9c8b
signature:
  inputs: '{inputs}'
  outputs: '{outputs}'
  params: null
utc_time_created: '2026-12-03 23:00:00.000000'
""")
    rows = torch.rand(12, 4) * 6
    with torch.no_grad():
        predicted = model(rows)
    with open(os.path.join(HERE, "mlp_torchscript.expected.json"), "w") as out:
        json.dump({"rows": rows.tolist(), "predictions": predicted.tolist()}, out)
        out.write("\n")


if __name__ == "__main__":
    main()
