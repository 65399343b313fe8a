package dev.mlforge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.Browser;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The tracking pages in Debian's headless Chromium: experiments, searching and sorting runs, the column chooser, a
 * run with its chart and artifacts, and comparing runs with charts; screenshots (see {@link Browser}) are the ones
 * {@code docs/ui.md} shows.
 * Skipped (an assumption) only when {@code /usr/bin/chromium} is not installed.
 */
class UiBrowserTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();
    private static Browser session;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static UiData data;

    @BeforeAll
    static void open() throws IOException {
        session = Browser.start();
        data = new UiData(server, "iris-sweep");
        browser = session.driver;
        wait = session.waiting();
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
    }

    private static void go(String path) {
        browser.get(server.baseUrl() + path);
    }

    private static void screenshot(String name) {
        session.screenshot(name);
    }

    private static List<String> runNames() {
        return browser.findElements(By.cssSelector("#runs tbody tr td:nth-child(2) a")).stream().map(WebElement::getText).toList();
    }

    @Test
    void the_root_shows_the_experiments_and_leads_to_the_runs() throws IOException {
        go("/");
        assertThat(browser.getCurrentUrl()).endsWith("/ui/experiments");
        WebElement link = browser.findElement(By.linkText("iris-sweep"));
        screenshot("experiments");
        link.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("runs")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("iris-sweep");
        assertThat(runNames()).hasSize(16);
    }

    @Test
    void runs_are_searched_with_mlflows_grammar_and_sorted_by_a_column() throws IOException {
        go("/ui/experiments/" + data.experimentId);
        WebElement filter = browser.findElement(By.id("filter"));
        filter.sendKeys("params.model = 'forest' and metrics.accuracy > 0.7", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("filter="));
        assertThat(runNames()).containsExactlyInAnyOrder("sweep-01", "sweep-04", "sweep-07", "sweep-10");

        browser.findElement(By.cssSelector("#runs thead a[href*='order_by=metrics.%60accuracy%60']")).click();
        wait.until(ExpectedConditions.urlContains("order_by="));
        assertThat(runNames()).containsExactly("sweep-10", "sweep-07", "sweep-04", "sweep-01");
        assertThat(browser.findElement(By.cssSelector("th[aria-sort]")).getText()).contains("accuracy");
        browser.findElement(By.cssSelector("#runs thead a[href*='order_by=metrics.%60accuracy%60']")).click();
        wait.until(ExpectedConditions.urlContains("ASC"));
        assertThat(runNames()).containsExactly("sweep-01", "sweep-04", "sweep-07", "sweep-10");
    }

    @Test
    void the_column_chooser_finds_a_key_and_shows_its_column() throws IOException {
        go("/ui/experiments/" + data.experimentId + "?order_by=attributes.start_time+DESC");
        assertThat(browser.findElements(By.cssSelector("th[data-kind='tags']"))).isEmpty();
        browser.findElement(By.cssSelector("#column-chooser summary")).click();
        WebElement search = browser.findElement(By.id("column-search"));
        search.sendKeys("team");
        wait.until(driver -> driver.findElements(By.cssSelector("#column-list label")).stream()
                .anyMatch(label -> label.getText().contains("team")));
        screenshot("runs-columns");
        browser.findElement(By.cssSelector("#column-list input[value='tags.team']")).click();
        browser.findElement(By.cssSelector("#column-chooser button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("th[data-kind='tags']")));
        assertThat(browser.findElement(By.cssSelector("th[data-kind='tags']")).getText()).contains("team");
        assertThat(browser.findElement(By.id("runs")).getText()).contains("vision", "tabular");
        assertThat(browser.findElements(By.cssSelector("td.child"))).hasSize(3);
        screenshot("runs");
    }

    @Test
    void the_column_chooser_pages_through_5000_metric_keys_and_finds_one_not_on_the_page() {
        TestHttp http = server.http();
        String wide = http.post(UiData.API + "experiments/create", Map.of("name", "wide-keys")).ok().json()
                .path("experiment_id").asText();
        for (int run = 0; run < 5; run++) {
            String runId = http.post(UiData.API + "runs/create", Map.of("experiment_id", wide)).ok().json()
                    .at("/run/info/run_id").asText();
            List<Map<String, Object>> metrics = new java.util.ArrayList<>();
            for (int k = 0; k < 1000; k++) {
                metrics.add(Map.of("key", String.format("k%04d", run * 1000 + k), "value", 0.5, "timestamp", 1, "step", 0));
            }
            http.post(UiData.API + "runs/log-batch", Map.of("run_id", runId, "metrics", metrics)).ok();
        }
        go("/ui/experiments/" + wide + "?page_size=1");
        browser.findElement(By.cssSelector("#column-chooser summary")).click();
        wait.until(driver -> driver.findElements(By.cssSelector("#column-list input[name=col]")).size() >= 200);
        int first = browser.findElements(By.cssSelector("#column-list input[name=col]")).size();
        assertThat(first).as("one page of keys at a time, not 5,000").isLessThanOrEqualTo(400);
        ((JavascriptExecutor) browser).executeScript("var l = document.getElementById('column-list'); l.scrollTop = l.scrollHeight;");
        wait.until(driver -> driver.findElements(By.cssSelector("#column-list input[name=col]")).size() > first);

        browser.findElement(By.id("column-search")).sendKeys("k4999");
        // the columns shown (the first metrics by default) stay listed on top; the search leaves one other key
        wait.until(driver -> driver.findElements(By.cssSelector("#column-list input[name=col]:not(:checked)")).size() == 1);
        browser.findElement(By.cssSelector("#column-list input[value='metrics.k4999']")).click();
        browser.findElement(By.cssSelector("#column-chooser button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("col=metrics.k4999"));
        assertThat(browser.findElements(By.cssSelector("th[data-kind='metrics']")).stream().map(WebElement::getText))
                .anyMatch(header -> header.contains("k4999"));
    }

    @Test
    void a_run_shows_its_metric_chart_and_its_artifacts() throws IOException {
        go("/ui/runs/" + data.artifactRunId);
        wait.until(ExpectedConditions.attributeToBe(By.id("metric-chart"), "data-rendered", "true"));
        assertThat(browser.findElement(By.id("params")).getText()).contains("learning_rate", "max_depth");
        assertThat(browser.findElement(By.id("metrics")).getText()).contains("accuracy", "loss");

        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#artifact-tree a[data-path='model']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#artifact-tree a[data-path='model/MLmodel']"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signature")));
        assertThat(browser.findElement(By.id("signature")).getText()).contains("sepal_length", "double", "long");
        browser.findElement(By.cssSelector("#artifact-tree a[data-path='eval']")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#artifact-tree a[data-path='eval/predictions.csv']"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("csv-view")));
        assertThat(browser.findElements(By.cssSelector("#csv-view tbody tr"))).hasSize(3);
        assertThat(browser.findElement(By.cssSelector("#csv-view thead")).getText()).contains("prediction");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('h-metrics').scrollIntoView(); window.scrollBy(0, -70)");
        screenshot("run");
        browser.findElement(By.cssSelector("#artifact-tree a[data-path='plots']")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#artifact-tree a[data-path='plots/confusion.png']"))).click();
        WebElement image = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#artifact-view img")));
        wait.until(driver -> ((Number) ((JavascriptExecutor) driver).executeScript("return arguments[0].naturalWidth", image)).intValue() > 0);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('artifacts').scrollIntoView(); window.scrollBy(0, -70)");
        screenshot("run-artifacts");
    }

    @Test
    void selected_runs_are_compared_with_differences_only_and_charts_whose_setup_is_kept() throws IOException {
        go("/ui/experiments/" + data.experimentId + "?filter=" + "params.model+%3D+%27tree%27");
        browser.findElements(By.cssSelector("#runs input[name=runs]")).forEach(WebElement::click);
        WebElement compare = browser.findElement(By.id("compare-button"));
        assertThat(compare.getText()).isEqualTo("Compare 4 runs");
        compare.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("compare-table")));
        wait.until(ExpectedConditions.attributeToBe(By.id("compare-chart"), "data-rendered", "true"));
        assertThat(browser.findElement(By.cssSelector("#compare-table thead")).getText())
                .contains("sweep-00", "sweep-03", "sweep-06", "sweep-09");
        screenshot("compare");

        browser.findElement(By.id("diff-toggle")).click();
        wait.until(ExpectedConditions.urlContains("diff=1"));
        String table = browser.findElement(By.id("compare-table")).getText();
        assertThat(table).contains("learning_rate", "accuracy").doesNotContain("Status");

        new Select(browser.findElement(By.id("chart-type"))).selectByValue("parallel");
        wait.until(ExpectedConditions.attributeToBe(By.id("compare-chart"), "data-rendered", "true"));
        screenshot("compare-parallel");
        new Select(browser.findElement(By.id("chart-type"))).selectByValue("box");
        new Select(browser.findElement(By.id("chart-x"))).selectByValue("params.learning_rate");
        browser.findElement(By.id("chart-log")).click();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.attributeToBe(By.id("compare-chart"), "data-rendered", "true"));
        assertThat(new Select(browser.findElement(By.id("chart-type"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("box");
        assertThat(browser.findElement(By.id("chart-log")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("chart-saved")).getText()).contains("restored");
        screenshot("compare-box");
    }

    @Test
    void the_theme_toggle_switches_to_dark_and_is_remembered() throws IOException {
        go("/ui/experiments/" + data.experimentId);
        browser.findElement(By.cssSelector("[data-theme-toggle]")).click();
        String theme = (String) ((JavascriptExecutor) browser).executeScript("return document.documentElement.dataset.theme");
        go("/ui/runs/" + data.runIds.get(3));
        assertThat(((JavascriptExecutor) browser).executeScript("return document.documentElement.dataset.theme")).isEqualTo(theme);
        String background = (String) ((JavascriptExecutor) browser).executeScript("return getComputedStyle(document.body).backgroundColor");
        assertThat(background).isEqualTo("dark".equals(theme) ? "rgb(15, 18, 22)" : "rgb(246, 247, 249)");
        if ("dark".equals(theme)) {
            wait.until(ExpectedConditions.attributeToBe(By.id("metric-chart"), "data-rendered", "true"));
            screenshot("run-dark");
        }
        browser.findElement(By.cssSelector("[data-theme-toggle]")).click();
    }
}
