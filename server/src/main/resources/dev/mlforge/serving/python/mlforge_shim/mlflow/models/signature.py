"""Stand-in for mlflow.models.signature: MLflow 3 keeps the type hints of a custom model's predict on the model
(``_predict_type_hints``), so its pickle names this class; the worker never reads them."""


class _TypeHints:
    """The input and output type hints of predict, as MLflow 3 records them."""

    def __init__(self, input=None, output=None):  # noqa: A002 (MLflow's field names)
        self.input = input
        self.output = output
