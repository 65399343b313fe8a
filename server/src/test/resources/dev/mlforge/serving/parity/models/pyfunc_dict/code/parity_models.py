"""Custom pyfunc models of the scoring parity fixtures (saved with code_paths, so both MLflow and mlforge's worker
import this module by name)."""
import numpy as np
import pandas as pd
from mlflow.pyfunc import PythonModel


class FrameModel(PythonModel):
    """Answers a DataFrame of two columns: the row sum and a label from it."""

    def predict(self, context, model_input, params=None):
        total = model_input[["a", "b"]].sum(axis=1).to_numpy(dtype=np.float64)
        return pd.DataFrame({"total": total, "big": np.where(total > 1.0, "yes", "no")})


class DictModel(PythonModel):
    """Answers a dict of two arrays: the doubled first column and the product of both."""

    def predict(self, context, model_input, params=None):
        a = model_input["a"].to_numpy(dtype=np.float64)
        b = model_input["b"].to_numpy(dtype=np.float64)
        return {"doubled": a * 2, "product": a * b}
