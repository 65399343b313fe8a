package dev.mlforge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.Browser;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signing in with the form in Debian's headless Chromium: a protected page leads to the form, the form leads back to
 * it, an action button's API call passes with the page's CSRF token (sent by {@code app.js}), and signing out leads
 * back to the form. Skipped (an assumption) only when {@code /usr/bin/chromium} is not installed.
 */
class SignInBrowserTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth("admin", "admin-password-1");
    private static Browser session;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void open() throws IOException {
        session = Browser.start();
        browser = session.driver;
        wait = session.waiting();
        server.http().post("/api/2.0/mlflow/registered-models/create", Map.of("name", "doomed-model")).ok();
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void sign_in_act_and_sign_out_in_a_browser() {
        browser.get(server.baseUrl() + "/ui/models/doomed-model");
        wait.until(ExpectedConditions.urlContains("/ui/login?next="));
        assertThat(browser.findElement(By.cssSelector("label[for=username]")).getText()).isEqualTo("User name");
        session.screenshot("sign-in");

        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("wrong-password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
        browser.findElement(By.id("password")).sendKeys("admin-password-1");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.urlToBe(server.baseUrl() + "/ui/models/doomed-model"));
        assertThat(browser.findElement(By.cssSelector(".top .user")).getText()).endsWith("admin");
        browser.findElement(By.id("delete-model")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.urlToBe(server.baseUrl() + "/ui/models"));
        assertThat(server.http().get("/api/2.0/mlflow/registered-models/get?name=doomed-model").status())
                .as("deleted through the API with the page's CSRF token").isEqualTo(404);

        browser.findElement(By.cssSelector("form.sign-out button")).click();
        wait.until(ExpectedConditions.urlToBe(server.baseUrl() + "/ui/login"));
        browser.get(server.baseUrl() + "/ui/models");
        wait.until(ExpectedConditions.urlContains("/ui/login?next=%2Fui%2Fmodels"));
    }
}
