package dev.mlforge.tracking;

import java.util.List;

/** The use of a dataset by a run, tagged for instance with {@code mlflow.data.context}. */
public record DatasetInput(Dataset dataset, List<Tag> tags) {
}
