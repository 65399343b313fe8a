package dev.mlforge.serving.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packages a logged model needs, as MLflow writes them in requirements.txt and conda.yaml. */
class RequirementsTest {
    @TempDir
    Path model;

    @Test
    void requirements_txt_gives_distribution_names_without_versions_markers_options_or_mlflow() throws Exception {
        Files.writeString(model.resolve("requirements.txt"), String.join("\n", "mlflow==3.11.1", "# pinned by MLflow",
                "cloudpickle==2.2.0", "scikit-learn[alldeps]>=1.2 ; python_version >= '3.8'", "-r extra.txt",
                "typing_extensions", "mlflow-skinny==3.11.1", ""));

        assertThat(Requirements.of(model)).containsExactly("cloudpickle", "scikit-learn", "typing_extensions");
    }

    @Test
    void conda_yaml_is_read_when_there_is_no_requirements_txt() throws Exception {
        Files.writeString(model.resolve("conda.yaml"), String.join("\n", "channels:", "- conda-forge", "dependencies:",
                "- python=3.11.2", "- pip<=23.0.1", "- pip:", "  - mlflow==3.11.1", "  - xgboost==1.7.4", "name: mlflow-env", ""));

        assertThat(Requirements.of(model)).containsExactly("xgboost");
    }

    @Test
    void a_model_without_environment_files_needs_nothing_checked() {
        assertThat(Requirements.of(model)).isEqualTo(List.of());
    }
}
