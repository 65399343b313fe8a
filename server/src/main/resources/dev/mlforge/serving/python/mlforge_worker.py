"""mlforge's Python model worker: loads one MLflow model once, as MLflow's flavor does, then answers batches.

Started by the server (dev.mlforge.serving.python.PythonWorker) with one argument, a JSON object naming the model
directory, the loader and the packages the model needs. It does not import MLflow.

Channel: stdin takes requests, the stdout the process started with takes answers (the model's own prints go to
stderr). Every message is a little-endian u32 length and a payload. The first answer, sent once after loading, is a
status byte and a JSON object (0 ready: what the model takes and gives; 2 load failure; 3 missing packages).
A request payload is a u16 tensor count and tensors; an answer payload is a status byte (0 ok, 4 ok and the model
returned a dict of arrays, which MLflow's scoring server answers as one object of lists; 1 the model raised) then
tensors, or the error text. A tensor: u8 datatype code, u8 rank, i64 dimensions, u16 name length, UTF-8 name,
u64 byte count, raw little-endian elements (BYTES: u32 length and UTF-8 bytes per element). The worker exits when
stdin closes.
"""
import importlib
import importlib.metadata
import inspect
import json
import os
import struct
import sys
import traceback
import warnings

import numpy as np

DTYPES = {0: "?", 1: "<u1", 2: "<u2", 3: "<u4", 4: "<u8", 5: "<i1", 6: "<i2", 7: "<i4", 8: "<i8",
          9: "<f2", 10: "<f4", 11: "<f8"}
BYTES = 13
CODES = {np.dtype(name).str: code for code, name in DTYPES.items()}
CODES[np.dtype("?").str] = 0
NAMES = {0: "BOOL", 1: "UINT8", 2: "UINT16", 3: "UINT32", 4: "UINT64", 5: "INT8", 6: "INT16", 7: "INT32",
         8: "INT64", 9: "FP16", 10: "FP32", 11: "FP64", 13: "BYTES"}


def read_exactly(stream, count):
    data = stream.read(count)
    if data is None or len(data) < count:
        return None
    return data


def read_message(stream):
    header = read_exactly(stream, 4)
    if header is None:
        return None
    (length,) = struct.unpack("<I", header)
    return read_exactly(stream, length)


def write_message(out, payload):
    data = struct.pack("<I", len(payload)) + payload
    view = memoryview(data)
    while view:
        written = out.write(view)
        view = view[written:]


def send_json(out, status, value):
    write_message(out, bytes([status]) + json.dumps(value).encode("utf-8"))


def installed(requirement):
    try:
        importlib.metadata.distribution(requirement)
        return True
    except importlib.metadata.PackageNotFoundError:
        return False


def decode(payload):
    (count,) = struct.unpack_from("<H", payload, 0)
    offset = 2
    tensors = []
    for _ in range(count):
        code, rank = struct.unpack_from("<BB", payload, offset)
        offset += 2
        shape = struct.unpack_from("<%dq" % rank, payload, offset)
        offset += 8 * rank
        (name_length,) = struct.unpack_from("<H", payload, offset)
        offset += 2
        name = payload[offset:offset + name_length].decode("utf-8")
        offset += name_length
        (size,) = struct.unpack_from("<Q", payload, offset)
        offset += 8
        if code == BYTES:
            values = []
            end = offset + size
            while offset < end:
                (length,) = struct.unpack_from("<I", payload, offset)
                values.append(payload[offset + 4:offset + 4 + length].decode("utf-8"))
                offset += 4 + length
            array = np.array(values, dtype=object).reshape(shape)
        else:
            array = np.frombuffer(payload, DTYPES[code], count=int(np.prod(shape)), offset=offset).reshape(shape)
            offset += size
        tensors.append((name, array))
    return tensors


def as_array(value):
    """The model's answer as a numpy array of a datatype the channel carries."""
    array = np.asarray(value)
    if array.dtype.kind in "OUS":
        flat = array.reshape(-1)
        if all(isinstance(item, str) for item in flat):
            return array
        array = array.astype(np.float64)
    if array.dtype.kind == "b":
        return array.astype("?")
    if array.dtype.str not in CODES:
        array = array.astype("<f8" if array.dtype.kind == "f" else "<i8")
    return array


def outputs(result):
    """Named arrays from what predict returned: an array, a list, a pandas Series or DataFrame, or a dict."""
    if hasattr(result, "columns") and hasattr(result, "to_numpy"):
        return [(str(column), as_array(result[column].to_numpy())) for column in result.columns]
    if isinstance(result, dict):
        return [(str(name), as_array(value)) for name, value in result.items()]
    if hasattr(result, "to_numpy"):
        result = result.to_numpy()
    return [("predictions", as_array(result))]


OK = 0
OK_DICT = 4


def encode(named, status=OK):
    parts = [struct.pack("<BH", status, len(named))]
    for name, array in named:
        shape = array.shape if array.ndim > 0 else (1,)
        name_bytes = name.encode("utf-8")
        if array.dtype.kind in "OUS":
            code = BYTES
            data = b"".join(struct.pack("<I", len(encoded)) + encoded
                            for encoded in (str(item).encode("utf-8") for item in array.reshape(-1)))
        else:
            array = np.ascontiguousarray(array)
            code = CODES[array.dtype.str]
            data = array.tobytes()
        parts.append(struct.pack("<BB", code, len(shape)))
        parts.append(struct.pack("<%dq" % len(shape), *shape))
        parts.append(struct.pack("<H", len(name_bytes)) + name_bytes)
        parts.append(struct.pack("<Q", len(data)))
        parts.append(data)
    return b"".join(parts)


class Model:
    """A loaded model: how it takes a batch and which predict function answers it."""

    def __init__(self, spec):
        self.spec = spec
        self.columns = spec.get("columns") or []
        loader = spec["loader"]
        path = os.path.join(spec["model_dir"], spec["model_file"])
        for code_path in spec.get("code_paths", []):
            sys.path.insert(0, os.path.join(spec["model_dir"], code_path))
        self.context = None
        self.frame = False
        if loader == "sklearn":
            self.model = self.unpickle(path, spec.get("serialization_format", "pickle"))
            self.predict_fn = getattr(self.model, spec.get("predict_fn") or "predict")
        elif loader == "xgboost":
            self.model = self.load_xgboost(path, spec.get("model_class") or "xgboost.core.Booster")
        elif loader == "pyfunc":
            self.load_custom(path)
        else:
            raise ValueError("unknown loader " + loader)

    @staticmethod
    def unpickle(path, serialization_format):
        with open(path, "rb") as file:
            if serialization_format == "cloudpickle":
                import cloudpickle
                return cloudpickle.load(file)
            if serialization_format == "pickle":
                import pickle
                return pickle.load(file)
        raise ValueError("serialization format '%s' is not supported" % serialization_format)

    def load_xgboost(self, path, model_class):
        import xgboost
        module_name, _, class_name = model_class.rpartition(".")
        model = getattr(importlib.import_module(module_name), class_name)()
        model.load_model(path)
        if isinstance(model, xgboost.Booster):
            self.predict_fn = lambda data: model.predict(xgboost.DMatrix(data), validate_features=False)
        else:
            self.predict_fn = model.predict
        return model

    def load_custom(self, path):
        # The shim package (mlforge_shim/mlflow) stands in for the PythonModel base class the pickle names.
        sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "mlforge_shim"))
        from mlflow.pyfunc.model import PythonModelContext
        self.model = self.unpickle(path, "cloudpickle")
        artifacts = {name: os.path.join(self.spec["model_dir"], relative)
                     for name, relative in (self.spec.get("artifacts") or {}).items()}
        self.context = PythonModelContext(artifacts, self.spec.get("model_config") or {})
        self.model.load_context(self.context)
        self.takes_context = "context" in inspect.signature(self.model.predict).parameters
        self.predict_fn = self.predict_custom

    def predict_custom(self, data):
        # As MLflow's wrapper decides: predict(context, model_input) when predict names a context, else predict(model_input).
        if self.takes_context:
            return self.model.predict(self.context, data)
        return self.model.predict(data)

    def feature_count(self):
        count = getattr(self.model, "n_features_in_", None)
        if count is None and hasattr(self.model, "num_features"):
            count = self.model.num_features()
        return int(count) if count is not None else (len(self.columns) or None)

    def wants_frame(self):
        """True when predict must get a pandas DataFrame (as MLflow gives it) rather than the faster numpy array.

        Custom models always get one. A model fitted with feature names gets the array when the names are the
        signature's columns in the same order (the server stacks them in that order) and it predicts on one; a
        DataFrame costs about ten times the array for a small sklearn model.
        """
        if not self.columns:
            return False
        if self.spec["loader"] == "pyfunc":
            return True
        names = getattr(self.model, "feature_names_in_", None)
        if names is None:
            names = getattr(self.model, "feature_names", None)
        if names is None:
            return False
        if [str(name) for name in names] != self.columns:
            return True
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.predict_fn(np.zeros((1, len(self.columns))))
            return False
        except Exception:
            return True

    def predict(self, tensors):
        return outputs(self.predict_raw(tensors))

    def predict_raw(self, tensors):
        """What the model's predict returns for the batch."""
        if len(tensors) == 1:
            data = tensors[0][1]
            if self.frame and data.ndim == 2 and data.shape[1] == len(self.columns):
                import pandas
                data = pandas.DataFrame(data, columns=self.columns)
        else:
            data = {name: array for name, array in tensors}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return self.predict_fn(data)

    def describe(self):
        self.frame = self.wants_frame()
        count = self.feature_count()
        described = {"pid": os.getpid(), "n_features": count, "outputs": None}
        if count is not None and self.spec["loader"] != "pyfunc":
            try:
                described["outputs"] = [{"name": name, "datatype": NAMES[BYTES if array.dtype.kind in "OUS" else CODES[array.dtype.str]],
                                         "shape": [-1] + list(array.shape[1:])}
                                        for name, array in self.predict([("input", np.zeros((1, count)))])]
            except Exception:  # the signature or the first request will say more
                described["outputs"] = None
        return described


def main():
    spec = json.loads(sys.argv[1])
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    missing = [name for name in spec.get("requirements", []) if not installed(name)]
    if missing:
        send_json(out, 3, {"missing": missing})
        return 3
    try:
        model = Model(spec)
        described = model.describe()
    except ModuleNotFoundError as error:
        traceback.print_exc()
        reason = "%s: %s" % (type(error).__name__, error)
        if (error.name or "").startswith("mlflow"):
            reason += (" (the pickle names MLflow's own code, as custom models saved by MLflow 3 do: install mlflow"
                       " in this interpreter)")
        send_json(out, 2, {"error": reason})
        return 2
    except Exception as error:
        traceback.print_exc()
        send_json(out, 2, {"error": "%s: %s" % (type(error).__name__, error)})
        return 2
    send_json(out, 0, described)
    while True:
        payload = read_message(requests)
        if payload is None:
            return 0
        try:
            result = model.predict_raw(decode(payload))
            answer = encode(outputs(result), OK_DICT if isinstance(result, dict) else OK)
        except Exception as error:
            answer = bytes([1]) + ("%s: %s" % (type(error).__name__, error)).encode("utf-8")
        write_message(out, answer)


if __name__ == "__main__":
    sys.exit(main())
