package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.config.ConfigException;
import dev.mlforge.testing.ApplicationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without authentication the server listens only on loopback, unless the operator explicitly accepts the risk. */
class UnauthenticatedBindingTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().startOnFirstUse();

    @Test
    void none_mode_refuses_to_bind_a_wildcard_address() {
        server.withConfig("host", "0.0.0.0");

        assertThatThrownBy(server::application).isInstanceOf(ConfigException.class)
                .hasMessageContaining("Refusing to listen on 0.0.0.0 without authentication")
                .hasMessageContaining("auth.allow-unauthenticated-remote");
    }

    @Test
    void none_mode_binds_a_wildcard_address_when_explicitly_allowed() {
        server.withConfig("host", "0.0.0.0").withConfig("auth.allow-unauthenticated-remote", "true");

        assertThat(server.http().get("/api/2.0/mlflow/experiments/search?max_results=1").status()).isEqualTo(200);
    }

    @Test
    void none_mode_binds_loopback_without_any_override() {
        assertThat(server.http().get("/api/2.0/mlflow/experiments/search?max_results=1").status()).isEqualTo(200);
    }

    @Test
    void loopback_names_are_recognised_and_other_addresses_are_not() {
        assertThat(AuthSettings.isLoopback("127.0.0.1")).isTrue();
        assertThat(AuthSettings.isLoopback("localhost")).isTrue();
        assertThat(AuthSettings.isLoopback("::1")).isTrue();
        assertThat(AuthSettings.isLoopback("[::1]")).isTrue();
        assertThat(AuthSettings.isLoopback("0.0.0.0")).isFalse();
        assertThat(AuthSettings.isLoopback("192.168.1.20")).isFalse();
    }
}
