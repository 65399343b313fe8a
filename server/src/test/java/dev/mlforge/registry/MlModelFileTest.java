package dev.mlforge.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mlforge.http.MlforgeException;
import org.junit.jupiter.api.Test;

class MlModelFileTest {
    private static ModelMetadata parse(String yaml) throws Exception {
        return MlModelFile.parse(new YAMLMapper().readTree(yaml));
    }

    @Test
    void parses_a_column_based_sklearn_signature_written_as_json_strings() throws Exception {
        ModelMetadata metadata = parse("""
                artifact_path: model
                flavors:
                  python_function:
                    loader_module: mlflow.sklearn
                    model_path: model.pkl
                    predict_fn: predict
                  sklearn:
                    pickled_model: model.pkl
                    serialization_format: cloudpickle
                    sklearn_version: 1.5.2
                signature:
                  inputs: '[{"type": "double", "name": "sepal length (cm)", "required": true}, {"type": "double", "name": "petal width (cm)", "required": true}]'
                  outputs: '[{"type": "long", "required": true}]'
                  params: '[{"name": "threshold", "type": "double", "default": 0.5, "shape": null}]'
                """);
        assertThat(metadata.flavors().fieldNames()).toIterable().containsExactly("python_function", "sklearn");
        assertThat(metadata.signature().at("/inputs/0/name").asText()).isEqualTo("sepal length (cm)");
        assertThat(metadata.signature().at("/inputs/1/type").asText()).isEqualTo("double");
        assertThat(metadata.signature().at("/outputs/0/type").asText()).isEqualTo("long");
        assertThat(metadata.signature().at("/params/0/default").asDouble()).isEqualTo(0.5);
    }

    @Test
    void a_model_without_signature_has_flavors_only() throws Exception {
        ModelMetadata metadata = parse("flavors:\n  onnx:\n    data: model.onnx\n");
        assertThat(metadata.flavors().at("/onnx/data").asText()).isEqualTo("model.onnx");
        assertThat(metadata.signature()).isNull();
    }

    @Test
    void refuses_a_signature_that_is_not_json() {
        assertThatThrownBy(() -> parse("flavors: {}\nsignature:\n  inputs: '[{broken'\n"))
                .isInstanceOf(MlforgeException.class).hasMessageContaining("inputs");
    }
}
