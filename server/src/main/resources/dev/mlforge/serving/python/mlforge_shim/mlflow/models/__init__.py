"""Stand-in for mlflow.models: only what a custom model pickled by MLflow 3 names (see signature.py)."""
