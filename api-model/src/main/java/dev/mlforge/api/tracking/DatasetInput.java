package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A dataset used as input to a run, with tags such as its context.
 *
 * @param tags tags of this use of the dataset
 * @param dataset the dataset
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetInput(
        @JsonProperty("tags") List<InputTag> tags,
        @JsonProperty("dataset") Dataset dataset) {
}
