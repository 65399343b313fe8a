package dev.mlforge.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mlforge.http.MlforgeException;
import org.junit.jupiter.api.Test;

class MlModelTest {
    private static MlModel parse(String yaml) throws Exception {
        return MlModel.of(new YAMLMapper().readTree(yaml));
    }

    @Test
    void parses_a_column_based_sklearn_signature_written_as_json_strings() throws Exception {
        MlModel metadata = parse("""
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
        MlModel metadata = parse("flavors:\n  onnx:\n    data: model.onnx\n");
        assertThat(metadata.flavors().at("/onnx/data").asText()).isEqualTo("model.onnx");
        assertThat(metadata.signature()).isNull();
    }

    @Test
    void refuses_a_signature_that_is_not_json() {
        assertThatThrownBy(() -> parse("flavors: {}\nsignature:\n  inputs: '[{broken'\n").signature())
                .isInstanceOf(MlforgeException.class).hasMessageContaining("inputs");
    }

    @Test
    void writes_a_file_it_reads_back_with_nulls_and_order_kept(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.util.Map<String, Object> onnx = new java.util.LinkedHashMap<>();
        onnx.put("code", null);
        onnx.put("onnx_model_path", "model.onnx");
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("artifact_path", "model");
        fields.put("flavors", java.util.Map.of("onnx", onnx));
        fields.put("signature", java.util.Map.of("inputs", "[{\"type\": \"tensor\", \"name\": \"input\"}]"));
        fields.put("metadata", java.util.Map.of("feature_names", java.util.List.of("alcohol", "hue")));

        java.nio.file.Path file = MlModel.of(fields).writeTo(dir);

        assertThat(file.getFileName()).hasToString(MlModel.FILE_NAME);
        assertThat(java.nio.file.Files.readString(file)).contains("code: null").startsWith("---\nartifact_path: \"model\"");
        MlModel read = MlModel.read(file);
        assertThat(MlModel.isModelDirectory(dir)).isTrue();
        assertThat(read.flavor("onnx").path("onnx_model_path").asText()).isEqualTo("model.onnx");
        assertThat(read.signature().at("/inputs/0/name").asText()).isEqualTo("input");
        assertThat(read.featureNames()).containsExactly("alcohol", "hue");
    }

    @Test
    void refuses_a_file_that_is_not_a_mapping() {
        assertThatThrownBy(() -> MlModel.read(new java.io.ByteArrayInputStream("- a\n- b\n".getBytes())))
                .isInstanceOf(MlforgeException.class).hasMessageContaining("not a YAML mapping");
    }
}
