package dev.mlforge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.Browser;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI in a workspace: the picker in the page frame offers the caller's workspaces only, the choice (query
 * parameter, then remembered in a cookie) decides what the lists show, and the page's scripts act in it (app.js sends
 * MLflow's workspace header). Over real HTTP, and in Debian's headless Chromium for the switch itself.
 */
class WorkspacePickerTest {
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-password-1";

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth(ADMIN, ADMIN_PASSWORD);

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static TestHttp.Response admin(String workspace, String path, Object body) {
        return server.http().send("POST", path, "application/json", body, "X-MLFLOW-WORKSPACE", workspace,
                "Authorization", basic(ADMIN, ADMIN_PASSWORD));
    }

    @BeforeAll
    static void two_workspaces_with_a_model_each() {
        for (String user : List.of("wanda", "otto")) {
            server.http().post("/api/2.0/mlflow/users/create", Map.of("username", user, "password", user + "-password")).ok();
        }
        for (String workspace : List.of("team-a", "team-b", "team-c")) {
            assertThat(admin("default", "/api/3.0/mlflow/workspaces", Map.of("name", workspace)).status()).isEqualTo(201);
        }
        for (String workspace : List.of("team-a", "team-b")) {
            admin(workspace, "/api/3.0/mlflow/workspaces/" + workspace + "/permissions",
                    Map.of("username", "wanda", "permission", "MANAGE")).ok();
            admin(workspace, "/api/2.0/mlflow/registered-models/create", Map.of("name", workspace + "-model")).ok();
        }
    }

    private static TestHttp.Response page(String user, String path, String... headers) {
        List<String> all = new java.util.ArrayList<>(List.of("Authorization", basic(user, user + "-password")));
        all.addAll(List.of(headers));
        return server.http().send("GET", path, null, null, all.toArray(String[]::new));
    }

    @Test
    void the_lists_show_the_chosen_workspace_and_the_choice_is_remembered_in_a_cookie() {
        TestHttp.Response chosen = page("wanda", "/ui/models?workspace=team-b");
        String cookie = chosen.header("Set-Cookie").orElseThrow();
        TestHttp.Response remembered = page("wanda", "/ui/models", "Cookie", cookie.substring(0, cookie.indexOf(';')));

        assertThat(chosen.body()).contains("team-b-model").doesNotContain("team-a-model")
                .contains("<meta name=\"mlforge-workspace\" content=\"team-b\">");
        assertThat(cookie).startsWith("mlforge-workspace=team-b;").contains("HttpOnly");
        assertThat(remembered.body()).contains("team-b-model").doesNotContain("team-a-model");
        assertThat(page("wanda", "/ui/models?workspace=team-a").body()).contains("team-a-model").doesNotContain("team-b-model");
        assertThat(page("wanda", "/ui/models").body()).doesNotContain("team-a-model", "team-b-model");
    }

    @Test
    void the_picker_offers_only_the_callers_workspaces_and_ignores_any_other() {
        String wanda = page("wanda", "/ui/models").body();
        TestHttp.Response foreign = page("otto", "/ui/models?workspace=team-b");

        assertThat(wanda).contains("<option value=\"default\"", "<option value=\"team-a\"", "<option value=\"team-b\"")
                .doesNotContain("<option value=\"team-c\"");
        assertThat(foreign.header("Set-Cookie")).isEmpty();
        assertThat(foreign.body()).doesNotContain("team-b-model", "data-workspace-picker")
                .contains("<meta name=\"mlforge-workspace\" content=\"default\">");
    }

    @Test
    void switching_workspace_in_a_browser_shows_the_other_list_and_acts_there() throws IOException {
        try (Browser browser = Browser.start()) {
            browser.driver.get(server.baseUrl() + "/ui/login");
            browser.driver.findElement(By.id("username")).sendKeys("wanda");
            browser.driver.findElement(By.id("password")).sendKeys("wanda-password");
            browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.urlContains("/ui/experiments"));
            browser.driver.get(server.baseUrl() + "/ui/models");
            assertThat(browser.driver.findElement(By.tagName("main")).getText()).doesNotContain("team-a-model");

            new Select(browser.driver.findElement(By.cssSelector("[data-workspace-picker]"))).selectByValue("team-a");
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "team-a-model"));
            assertThat(browser.driver.findElement(By.tagName("main")).getText()).doesNotContain("team-b-model");
            browser.screenshot("workspace-picker");

            // the page's script acts in the chosen workspace: deleting the model finds it there
            browser.driver.get(server.baseUrl() + "/ui/models/team-a-model");
            browser.driver.findElement(By.id("delete-model")).click();
            browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
            browser.waiting().until(ExpectedConditions.urlToBe(server.baseUrl() + "/ui/models"));
        }
        assertThat(server.http().send("GET", "/api/2.0/mlflow/registered-models/get?name=team-a-model", null, null,
                "X-MLFLOW-WORKSPACE", "team-a", "Authorization", basic(ADMIN, ADMIN_PASSWORD)).status()).isEqualTo(404);
    }
}
