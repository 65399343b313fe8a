package dev.mlforge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signing in to the web UI with a password over real HTTP: the form, the session cookie and its flags, the redirect of a
 * browser asking for a page, no open redirect, CSRF on state-changing calls made with the cookie, signing out, and a
 * session outliving a restart (it lives in the store).
 */
class SignInTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth("admin", "admin-password-1");

    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final Pattern SESSION = Pattern.compile("mlforge_session=([^;]*)");

    @BeforeAll
    static void users() {
        server.http().post("/api/2.0/mlflow/users/create", Map.of("username", "carol", "password", "carol-password-1")).ok();
    }

    private static TestHttp anonymous() {
        return new TestHttp(server.baseUrl());
    }

    private static TestHttp.Response signIn(String user, String password, String next) {
        return signIn(server.baseUrl(), user, password, next);
    }

    /** Posts the sign-in form to the server at {@code baseUrl}. */
    static TestHttp.Response signIn(String baseUrl, String user, String password, String next) {
        String form = "username=" + encode(user) + "&password=" + encode(password) + (next == null ? "" : "&next=" + encode(next));
        return new TestHttp(baseUrl).send("POST", "/ui/login", "application/x-www-form-urlencoded", form);
    }

    static String sessionOf(TestHttp.Response response) {
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("mlforge_session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
        Matcher matcher = SESSION.matcher(cookie);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    static String csrfOf(String html) {
        Matcher matcher = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">").matcher(html);
        assertThat(matcher.find()).as("a csrf-token meta tag in the page").isTrue();
        return matcher.group(1);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static TestHttp.Response withCookie(String method, String path, String session, Object body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Cookie";
        all[1] = "mlforge_session=" + session;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return anonymous().send(method, path, body == null ? null : "application/json", body, all);
    }

    @Test
    void the_sign_in_page_is_a_form_with_labelled_fields_that_works_without_javascript() {
        TestHttp.Response page = anonymous().get("/ui/login?next=%2Fui%2Fmodels");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\" action=\"/ui/login\"", "<label for=\"username\">",
                "<label for=\"password\">", "autocomplete=\"current-password\"", "name=\"next\" value=\"/ui/models\"")
                .doesNotContain("<script src");
    }

    @Test
    void a_browser_asking_for_a_page_is_sent_to_sign_in_while_api_clients_get_a_challenge() {
        TestHttp.Response page = anonymous().send("GET", "/ui/experiments?x=1", null, null, "Accept", HTML);
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location").orElse("")).isEqualTo("/ui/login?next=%2Fui%2Fexperiments%3Fx%3D1");

        TestHttp.Response api = anonymous().send("GET", "/api/2.0/mlflow/experiments/search?max_results=1", null, null, "Accept", HTML);
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("WWW-Authenticate").orElse("")).startsWith("Basic");
        assertThat(anonymous().get("/ui/experiments").status()).as("a script's fetch without HTML in Accept").isEqualTo(401);
    }

    @Test
    void signing_in_sets_an_http_only_same_site_cookie_and_returns_to_the_page_asked_for() {
        TestHttp.Response signedIn = signIn("carol", "carol-password-1", "/ui/models?filter=a");

        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location").orElse("")).isEqualTo("/ui/models?filter=a");
        String cookie = signedIn.headers().allValues("Set-Cookie").get(0);
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=43200").doesNotContain("Secure");
        String session = sessionOf(signedIn);
        assertThat(session).hasSizeGreaterThanOrEqualTo(43);

        TestHttp.Response page = withCookie("GET", "/ui/experiments", session, null, "Accept", HTML);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Signed in as </span>carol", "action=\"/ui/logout\"", "name=\"_csrf\"");
        assertThat(withCookie("GET", "/api/2.0/mlflow/users/current", session, null).json(200).at("/user/username").asText())
                .isEqualTo("carol");
    }

    @Test
    void a_wrong_password_shows_the_form_again_with_an_error_and_sets_no_cookie() {
        TestHttp.Response failed = signIn("carol", "not-her-password", "/ui/models");

        assertThat(failed.status()).isEqualTo(401);
        assertThat(failed.body()).contains("Wrong user name or password.", "value=\"carol\"", "role=\"alert\"");
        assertThat(failed.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(signIn("nobody-at-all", "x", null).status()).isEqualTo(401);
        assertThat(signIn("", "", null).status()).isEqualTo(400);
        com.fasterxml.jackson.databind.JsonNode audited = server.http().get("/api/v1/audit?action=POST%20/ui/login").json(200)
                .path("records");
        assertThat(audited.findValuesAsText("status")).as("failed sign-ins are audited").contains("401");
        assertThat(audited.toString()).doesNotContain("not-her-password");
    }

    @Test
    void repeated_attempts_for_one_name_are_limited() {
        server.http().post("/api/2.0/mlflow/users/create", Map.of("username", "dave", "password", "dave-password-1")).ok();
        List<Integer> statuses = new java.util.ArrayList<>();
        // a burst of 10, then one attempt every 6 s: on a loaded machine a refill may come in between, hence the margin
        for (int i = 0; i < 30 && !statuses.contains(429); i++) {
            statuses.add(signIn("dave", "guess-" + i, null).status());
        }
        assertThat(statuses).contains(429);
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        TestHttp.Response limited = signIn("dave", "dave-password-1", null);
        assertThat(limited.status()).as("even the right password waits").isEqualTo(429);
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(limited.body()).contains("Too many sign-in attempts");
    }

    @Test
    void the_page_to_return_to_is_only_ever_a_path_on_this_server() {
        for (String next : List.of("//evil.test/x", "https://evil.test/", "/\\evil.test", "javascript:alert(1)", "/ui/login",
                "/ui/x\r\nSet-Cookie: a=b")) {
            TestHttp.Response signedIn = signIn("admin", "admin-password-1", next);
            assertThat(signedIn.status()).isEqualTo(303);
            assertThat(signedIn.header("Location").orElse("")).as("next=%s", next).isEqualTo("/ui/experiments");
        }
        assertThat(anonymous().get("/ui/login?next=%2F%2Fevil.test").body()).contains("name=\"next\" value=\"/ui/experiments\"");
    }

    @Test
    void state_changing_calls_with_the_session_cookie_need_the_pages_csrf_token() {
        String session = sessionOf(signIn("admin", "admin-password-1", null));
        String csrf = csrfOf(withCookie("GET", "/ui/experiments", session, null).ok().body());
        String create = "/api/2.0/mlflow/experiments/create";

        TestHttp.Response missing = withCookie("POST", create, session, Map.of("name", "csrf-missing"));
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(withCookie("POST", create, session, Map.of("name", "csrf-wrong"), "X-CSRF-Token", csrf + "x").status())
                .isEqualTo(403);
        assertThat(withCookie("POST", create, session, Map.of("name", "csrf-right"), "X-CSRF-Token", csrf).status())
                .isEqualTo(200);
        assertThat(withCookie("POST", create, sessionOf(signIn("admin", "admin-password-1", null)), Map.of("name", "csrf-other"),
                "X-CSRF-Token", csrf).status()).as("another session's token").isEqualTo(403);
        assertThat(server.http().post(create, Map.of("name", "basic-needs-no-token")).status()).isEqualTo(200);
        assertThat(withCookie("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=csrf-right", session, null)
                .status()).as("reads need no token").isEqualTo(200);
    }

    @Test
    void signing_out_ends_the_session_and_needs_the_token_of_the_form() {
        String session = sessionOf(signIn("carol", "carol-password-1", null));
        String csrf = csrfOf(withCookie("GET", "/ui/experiments", session, null).ok().body());

        TestHttp.Response forged = anonymous().send("POST", "/ui/logout", "application/x-www-form-urlencoded", "_csrf=forged",
                "Cookie", "mlforge_session=" + session);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(withCookie("GET", "/api/2.0/mlflow/users/current", session, null).status()).isEqualTo(200);

        TestHttp.Response out = anonymous().send("POST", "/ui/logout", "application/x-www-form-urlencoded", "_csrf=" + encode(csrf),
                "Cookie", "mlforge_session=" + session);
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("Location").orElse("")).isEqualTo("/ui/login");
        assertThat(out.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie).startsWith("mlforge_session=;")
                .contains("Max-Age=0"));
        assertThat(withCookie("GET", "/api/2.0/mlflow/users/current", session, null).status()).isEqualTo(401);
        assertThat(withCookie("GET", "/ui/experiments", session, null, "Accept", HTML).status()).isEqualTo(302);
    }

    @Test
    void an_unknown_cookie_is_no_identity() {
        assertThat(withCookie("GET", "/api/2.0/mlflow/users/current", "made-up-session-id", null).status()).isEqualTo(401);
    }

    @Test
    void a_session_outlives_a_restart_of_the_server() {
        String session = sessionOf(signIn("carol", "carol-password-1", null));

        server.restart();

        assertThat(withCookie("GET", "/api/2.0/mlflow/users/current", session, null).json(200).at("/user/username").asText())
                .isEqualTo("carol");
    }
}
