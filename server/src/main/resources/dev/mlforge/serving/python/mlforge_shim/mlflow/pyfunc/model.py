"""Stand-in for mlflow.pyfunc.model: the PythonModel base class and the context handed to load_context."""


class PythonModel:
    """Base of custom pyfunc models: load_context(context) once, then predict(context, model_input, params)."""

    def load_context(self, context):
        pass

    def predict(self, context, model_input, params=None):
        raise NotImplementedError("the model does not define predict")


class PythonModelContext:
    """The artifacts (name to local path) and model_config a model was logged with."""

    def __init__(self, artifacts, model_config):
        self._artifacts = artifacts
        self._model_config = model_config

    @property
    def artifacts(self):
        return self._artifacts

    @property
    def model_config(self):
        return self._model_config
