package dev.mlforge.tracking;

import java.util.List;

/** The use of a dataset by a run, tagged for instance with {@code mlflow.data.context}. */
public record DatasetInputEntity(DatasetEntity dataset, List<Tag> tags) {
    /** The input tag saying how a run used the dataset, e.g. {@code training} or {@code evaluation}. */
    public static final String CONTEXT_TAG = "mlflow.data.context";
}
