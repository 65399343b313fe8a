package dev.mlforge.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import org.junit.jupiter.api.Test;

class ModelUriTest {
    @Test
    void parses_every_form_mlflow_clients_write() {
        assertThat(ModelUri.parse("models:/fraud/3")).isEqualTo(new ModelUri.Version("fraud", "3"));
        assertThat(ModelUri.parse("models:/fraud@champion")).isEqualTo(new ModelUri.Alias("fraud", "champion"));
        assertThat(ModelUri.parse("models:/fraud/Production")).isEqualTo(new ModelUri.Stage("fraud", "Production"));
        assertThat(ModelUri.parse("models:/fraud/LATEST")).isEqualTo(new ModelUri.Latest("fraud"));
        assertThat(ModelUri.parse("runs:/0123abcd/model")).isEqualTo(new ModelUri.RunArtifact("0123abcd", "model"));
        assertThat(ModelUri.parse("runs:/0123abcd")).isEqualTo(new ModelUri.RunArtifact("0123abcd", ""));
        assertThat(ModelUri.parse("models:/m-5f1e2d")).isEqualTo(new ModelUri.LoggedModel("m-5f1e2d"));
    }

    @Test
    void names_with_slashes_keep_everything_before_the_last_one() {
        assertThat(ModelUri.parse("models:/team/fraud/2")).isEqualTo(new ModelUri.Version("team/fraud", "2"));
        assertThat(ModelUri.parse("models:///fraud/2")).isEqualTo(new ModelUri.Version("fraud", "2"));
        assertThat(ModelUri.parse("runs:/abc/deep/nested/model")).isEqualTo(new ModelUri.RunArtifact("abc", "deep/nested/model"));
    }

    @Test
    void prints_what_it_parses() {
        for (String uri : new String[] {"models:/fraud/3", "models:/fraud@champion", "models:/fraud/Staging",
                "models:/fraud/latest", "runs:/abc/model", "runs:/abc", "models:/m-123"}) {
            assertThat(ModelUri.parse(uri)).hasToString(uri);
        }
        assertThat(ModelUri.version("fraud", "7")).hasToString("models:/fraud/7");
        assertThat(ModelUri.alias("fraud", "shadow")).hasToString("models:/fraud@shadow");
        assertThat(ModelUri.run("abc", "model")).hasToString("runs:/abc/model");
    }

    @Test
    void refuses_missing_malformed_and_foreign_uris() {
        for (String uri : new String[] {null, " ", "models:/fraud", "models:/fraud/", "models:/", "runs:/", "s3://bucket/model",
                "/tmp/model"}) {
            assertThatThrownBy(() -> ModelUri.parse(uri)).as(String.valueOf(uri)).isInstanceOf(MlforgeException.class)
                    .extracting(e -> ((MlforgeException) e).errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
        }
    }
}
