package dev.mlforge.ui.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.Browser;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The operations pages in a real Chromium: a request approved and a deployment rolled back by clicking (through the
 * REST API the buttons call), the drift chart and the distributions drawn, a pipeline's DAG opened. Screenshots (see
 * {@link Browser}) are the ones {@code docs/ui.md} shows.
 */
class OperationsBrowserTest {
    @RegisterExtension
    static final ApplicationExtension server = OpsFixture.server();
    private static OpsFixture fixture;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        fixture = OpsFixture.create(server);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static void open(String path) {
        browser.driver.get(server.baseUrl() + path);
    }

    @Test
    void approving_a_request_moves_the_version_to_production() {
        open("/ui/models");
        WebElement approve = browser.driver.findElement(By.cssSelector(
                "button[data-url='/api/v1/registry/transition-requests/" + fixture.requestId + "/approve']"));
        browser.screenshot("ui-models", 1000);

        approve.click();
        browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
        browser.waiting().until(ExpectedConditions.stalenessOf(approve));

        assertThat(browser.driver.findElement(By.id("pending-head")).getText()).contains("0");
        assertThat(server.http().get("/api/2.0/mlflow/model-versions/get?name=" + OpsFixture.MODEL + "&version=1").json(200)
                .at("/model_version/current_stage").asText()).isEqualTo("Production");
        open("/ui/models/" + OpsFixture.MODEL + "/versions/1");
        assertThat(browser.driver.findElement(By.cssSelector("#history tbody")).getText()).contains("Production");
        assertThat(browser.driver.findElement(By.cssSelector("tr[data-request='" + fixture.requestId + "']")).getText())
                .contains("APPROVED");
        assertThat(browser.driver.findElements(By.cssSelector("svg.graph g.node"))).hasSizeGreaterThanOrEqualTo(4);
        browser.screenshot("ui-model-version", 1900);
    }

    @Test
    void rolling_back_a_deployment_restores_its_previous_policy() {
        open("/ui/deployments/" + OpsFixture.DEPLOYMENT);
        assertThat(policy()).contains("Canary weight\n10%");
        // the page polls the server's meters every 2 s; the second read has a rate
        browser.waiting().until(driver -> !driver.findElement(By.cssSelector("[data-field='requestsPerSecond']")).getText().equals("–"));
        browser.screenshot("ui-deployment", 1500);

        WebElement rollback = browser.driver.findElement(By.id("rollback"));
        rollback.click();
        browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
        browser.waiting().until(ExpectedConditions.stalenessOf(rollback));

        assertThat(policy()).contains("Canary\nnone", "Canary weight\n0%");
        assertThat(server.http().get("/api/v1/deployments/" + OpsFixture.DEPLOYMENT).json(200).at("/deployment/canary").isMissingNode()
                || server.http().get("/api/v1/deployments/" + OpsFixture.DEPLOYMENT).json(200).at("/deployment/canary").isNull()).isTrue();
    }

    private static String policy() {
        return browser.driver.findElement(By.id("policy")).getText();
    }

    @Test
    void the_drift_chart_plots_each_column_and_the_distributions_compare_reference_and_current() {
        open("/ui/monitors/" + fixture.monitorId);
        WebElement chart = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#drift-chart svg")));
        assertThat(chart.getText()).contains(OpsFixture.SHIFTED, "drift share");
        assertThat(chart.findElements(By.tagName("path")).size()).isGreaterThan(13);
        WebElement shifted = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#distributions figure[data-column='" + OpsFixture.SHIFTED + "']")));
        assertThat(shifted.findElement(By.tagName("figcaption")).getText()).contains("drifted");
        assertThat(shifted.findElement(By.tagName("svg")).getText()).contains("reference", "current");
        assertThat(browser.driver.findElement(By.cssSelector("#latest-columns tr[data-column='" + OpsFixture.SHIFTED + "']")).getText())
                .contains("drifted");
        assertThat(browser.driver.findElement(By.id("alerts")).getText()).contains("FIRING", "drift_share");
        browser.screenshot("ui-monitor", 2400);

        browser.driver.findElement(By.cssSelector("[data-theme-toggle]")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#drift-chart svg")));
        browser.screenshot("ui-monitor-dark", 1300);
        browser.driver.findElement(By.cssSelector("[data-theme-toggle]")).click();
    }

    @Test
    void a_pipeline_run_opens_on_its_dag_with_each_step_state() {
        open("/ui/pipelines");
        browser.driver.findElement(By.cssSelector("a[href='/ui/pipelines/runs/" + fixture.pipelineRunId + "']")).click();
        WebElement dag = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.graph")));
        List<WebElement> nodes = dag.findElements(By.cssSelector("g.node"));
        assertThat(nodes).hasSizeGreaterThanOrEqualTo(8);
        assertThat(nodes).allSatisfy(node -> assertThat(node.getAttribute("class")).containsAnyOf("state-succeeded", "state-skipped", "state-cached"));
        assertThat(dag.findElements(By.cssSelector("g.edge"))).hasSizeGreaterThanOrEqualTo(nodes.size() - 1);
        assertThat(browser.driver.findElement(By.id("run-status")).getText()).isEqualTo("SUCCEEDED");
        browser.screenshot("ui-pipeline-run", 1500);

        dag.findElement(By.cssSelector("g.node[data-id='step:deploy'] a")).click();
        assertThat(browser.driver.getCurrentUrl()).endsWith("#step-deploy");
        assertThat(browser.driver.findElement(By.id("step-deploy")).getText()).contains("SUCCEEDED");
    }

    @Test
    void the_other_pages_render_for_the_docs() {
        open("/ui/datasets/wine");
        assertThat(browser.driver.findElements(By.cssSelector("#profile tbody tr"))).hasSize(14);
        browser.screenshot("ui-dataset", 1100);
        open("/ui/lineage?model=" + OpsFixture.MODEL + "&version=1");
        assertThat(browser.driver.findElement(By.cssSelector("svg.graph")).getText()).contains("Dataset wine", "Deployment wine");
        browser.screenshot("ui-lineage", 700);
        open("/ui/monitors");
        assertThat(browser.driver.findElement(By.id("monitors")).getText()).contains(OpsFixture.DEPLOYMENT);
        browser.screenshot("ui-monitors", 1000);
        open("/ui/traces/" + fixture.traceId);
        List<WebElement> spans = browser.driver.findElements(By.cssSelector("#span-tree li.span"));
        assertThat(spans).hasSize(2);
        spans.get(1).findElement(By.tagName("summary")).click();
        assertThat(spans.get(1).findElement(By.cssSelector(".span-io")).getText()).contains("proline", "label");
        browser.screenshot("ui-trace", 900);
    }
}
