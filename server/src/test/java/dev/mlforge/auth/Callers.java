package dev.mlforge.auth;

import dev.mlforge.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Requests as a given caller: HTTP Basic with a user's password, a bearer token, or no credentials at all. */
record Callers(TestHttp http) {
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-password-1";

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends as {@code user} with {@code password}; JSON body for any method but GET when {@code body} is not null. */
    TestHttp.Response as(String user, String password, String method, String path, Object body) {
        return http.send(method, path, body == null ? null : "application/json", body, "Authorization", basic(user, password));
    }

    TestHttp.Response admin(String method, String path, Object body) {
        return as(ADMIN, ADMIN_PASSWORD, method, path, body);
    }

    TestHttp.Response bearer(String token, String method, String path, Object body) {
        return http.send(method, path, body == null ? null : "application/json", body, "Authorization", "Bearer " + token);
    }

    TestHttp.Response anonymous(String method, String path, Object body) {
        return http.send(method, path, body == null ? null : "application/json", body);
    }

    void createUser(String user, String password) {
        admin("POST", "/api/2.0/mlflow/users/create", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}").ok();
    }
}
