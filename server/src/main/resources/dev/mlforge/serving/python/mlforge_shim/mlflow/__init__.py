"""mlforge's stand-in for the parts of MLflow a pickled custom PythonModel names (never used when MLflow is installed:
it sits at the end of sys.path)."""
