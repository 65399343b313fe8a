"""Stand-in for mlflow.pyfunc: the PythonModel names a cloudpickled custom model refers to."""
from mlflow.pyfunc.model import PythonModel, PythonModelContext  # noqa: F401
