package dev.mlforge.serving;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A LightGBM booster saved in its text format ({@code model.lgb}, what {@code mlflow.lightgbm} writes for a
 * {@code lightgbm.Booster}) run in the JVM through LightGBM's C API as lightgbm4j packages it. Its one input,
 * {@code input}, is FP64 {@code [-1, features]} with the booster's feature names as columns; it answers
 * {@code prediction} (FP64), what {@code Booster.predict} gives: {@code [-1]}, or one column per class for a
 * multiclass objective. The C API is called directly because lightgbm4j 4.3.0-1's {@code predictForMat} sizes
 * its result buffer for two values per row and corrupts the heap for three or more classes.
 */
final class LightGbmPredictor implements Predictor {
    private static final int FLOAT64 = 1; // C_API_DTYPE_FLOAT64
    private static final int PREDICT_NORMAL = 0; // C_API_PREDICT_NORMAL
    private final SWIGTYPE_p_p_void handle;
    private final int features;
    private final int classes;
    private final ModelSignature signature;
    private volatile boolean closed;

    private LightGbmPredictor(SWIGTYPE_p_p_void handle, int features, int classes, List<String> featureNames) {
        this.handle = handle;
        this.features = features;
        this.classes = classes;
        this.signature = new ModelSignature("lightgbm",
                List.of(new TensorSpec("input", DataType.FP64, List.of(-1L, (long) features), true)),
                List.of(new TensorSpec("prediction", DataType.FP64, classes == 1 ? List.of(-1L) : List.of(-1L, (long) classes),
                        true)), featureNames);
    }

    static LightGbmPredictor load(Path file) {
        String text;
        try {
            LGBMBooster.loadNative();
            text = Files.readString(file);
        } catch (IOException | RuntimeException e) {
            throw new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot load LightGBM model " + file.getFileName()
                    + ": " + e.getClass().getSimpleName(), e);
        }
        SWIGTYPE_p_p_void handle = lightgbmlib.new_voidpp();
        SWIGTYPE_p_int iterations = lightgbmlib.new_intp();
        try {
            if (lightgbmlib.LGBM_BoosterLoadModelFromString(text, iterations, handle) != 0) {
                throw new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot load LightGBM model "
                        + file.getFileName() + ", it is not a valid LightGBM text model: " + lightgbmlib.LGBM_GetLastError());
            }
        } finally {
            lightgbmlib.delete_intp(iterations);
        }
        return new LightGbmPredictor(handle, number(handle, true), number(handle, false), featureNames(text));
    }

    /** The booster's feature or class count. */
    private static int number(SWIGTYPE_p_p_void handle, boolean featureCount) {
        SWIGTYPE_p_int value = lightgbmlib.new_intp();
        try {
            SWIGTYPE_p_void booster = lightgbmlib.voidpp_value(handle);
            int status = featureCount ? lightgbmlib.LGBM_BoosterGetNumFeature(booster, value)
                    : lightgbmlib.LGBM_BoosterGetNumClasses(booster, value);
            if (status != 0) {
                throw MlforgeException.invalidParameter("Cannot read the LightGBM model: " + lightgbmlib.LGBM_GetLastError());
            }
            return lightgbmlib.intp_value(value);
        } finally {
            lightgbmlib.delete_intp(value);
        }
    }

    /** The {@code feature_names=} line of the text model (LightGBM names unnamed features Column_0...). */
    private static List<String> featureNames(String text) {
        return text.lines().filter(line -> line.startsWith("feature_names=")).findFirst()
                .map(line -> Arrays.asList(line.substring("feature_names=".length()).trim().split(" ")))
                .orElse(List.of());
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        Tensor input = inputs.get(0);
        int rows = input.rows();
        long[] shape = classes == 1 ? new long[] {rows} : new long[] {rows, classes};
        if (rows == 0) {
            return List.of(new Tensor("prediction", DataType.FP64, shape, new double[0]));
        }
        double[] values = Tensors.doubles(input);
        SWIGTYPE_p_double data = lightgbmlib.new_doubleArray(values.length);
        SWIGTYPE_p_double result = lightgbmlib.new_doubleArray((long) rows * classes);
        SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
        try {
            for (int i = 0; i < values.length; i++) {
                lightgbmlib.doubleArray_setitem(data, i, values[i]);
            }
            int status = lightgbmlib.LGBM_BoosterPredictForMat(lightgbmlib.voidpp_value(handle),
                    lightgbmlib.double_to_voidp_ptr(data), FLOAT64, rows, features, 1, PREDICT_NORMAL, 0, -1, "",
                    length, result);
            if (status != 0) {
                throw MlforgeException.invalidParameter("The LightGBM model rejected the input: " + lightgbmlib.LGBM_GetLastError());
            }
            double[] predicted = new double[rows * classes];
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = lightgbmlib.doubleArray_getitem(result, i);
            }
            return List.of(new Tensor("prediction", DataType.FP64, shape, predicted));
        } finally {
            lightgbmlib.delete_doubleArray(data);
            lightgbmlib.delete_doubleArray(result);
            lightgbmlib.delete_int64_tp(length);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            lightgbmlib.LGBM_BoosterFree(lightgbmlib.voidpp_value(handle));
            lightgbmlib.delete_voidpp(handle);
        }
    }
}
