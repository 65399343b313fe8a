package dev.mlforge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.config.ConfigException;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.SecretText;
import dev.mlforge.config.ServerConfig;
import dev.mlforge.http.MlforgeException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backend store URI the server cannot use is named in the error with its password cut, whatever is wrong with it. */
class DatabaseUriSecretsTest {
    private static final String SECRET = "s3cr3t-Pw";

    @TempDir
    Path dataDir;

    @Test
    void an_unsupported_scheme_is_refused_without_its_password() {
        assertThatThrownBy(() -> Database.open("mysql://bob:" + SECRET + "@db.example:3306/mlflow", dataDir))
                .isInstanceOf(MlforgeException.class)
                .hasMessageContaining("mysql://bob:***@db.example:3306/mlflow").hasMessageNotContaining(SECRET);
    }

    @Test
    void a_malformed_postgresql_uri_is_refused_without_its_password() {
        // a space is illegal in a URI: java.net.URI's own message would quote the whole input
        assertThatThrownBy(() -> Database.open("postgresql://bob:" + SECRET + " x@db.example/mlflow", dataDir))
                .isInstanceOf(MlforgeException.class).hasMessageContaining("postgresql://bob:***@db.example/mlflow")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> Database.open("postgresql://bob:" + SECRET + "@/mlflow", dataDir))
                .isInstanceOf(MlforgeException.class).hasMessageNotContaining(SECRET);
    }

    @Test
    void the_configuration_refuses_an_unknown_scheme_without_its_password() {
        assertThatThrownBy(() -> ServerConfig.from(ConfigValues.of(Map.of("backend-store-uri",
                "mysql://bob:" + SECRET + "@db.example/mlflow?password=" + SECRET))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("backend-store-uri")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void user_info_and_password_parameters_are_cut_and_the_rest_is_kept() {
        assertThat(SecretText.redactedUri("postgresql://bob:p@ss/w:rd@db:5432/mlflow?sslmode=require"))
                .isEqualTo("postgresql://bob:***@db:5432/mlflow?sslmode=require");
        assertThat(SecretText.redactedUri("jdbc:postgresql://db/mlflow?user=bob&password=" + SECRET + "&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/mlflow?user=bob&password=***&ssl=true");
        assertThat(SecretText.redactedUri("jdbc:postgresql://db/mlflow?sslpassword=" + SECRET))
                .isEqualTo("jdbc:postgresql://db/mlflow?sslpassword=***");
        assertThat(SecretText.redactedUri("postgresql://bob@db/mlflow")).isEqualTo("postgresql://bob@db/mlflow");
        assertThat(SecretText.redactedUri("sqlite:///tmp/a@b:c/mlforge.db")).isEqualTo("sqlite:///tmp/a@b:c/mlforge.db");
    }
}
