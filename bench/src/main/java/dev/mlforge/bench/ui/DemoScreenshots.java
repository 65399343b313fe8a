package dev.mlforge.bench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Takes the screenshots {@code docs/ui.md} shows from the demo's data, in light and dark mode, with Debian's headless
 * Chromium: start {@code ./mlforge demo --keep-running --port 19250 --data-dir /tmp/mlforge-demo-shots} and, once it
 * prints its summary, run
 * <pre>
 * java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.ui.DemoScreenshots http://127.0.0.1:19250 docs/screenshots
 * </pre>
 * Each page is found by following the links a person would (the demo's experiment, its first run, the model's first
 * version, the trials with an accuracy for the run and the comparison), waits for its charts, and is saved as {@code <name>.png} and {@code <name>-dark.png}; a page the demo
 * has no data for is reported and skipped.
 */
public final class DemoScreenshots {
    private static final int WIDTH = 1440;
    private final ChromeDriver driver;
    private final String base;
    private final Path out;

    private DemoScreenshots(ChromeDriver driver, String base, Path out) {
        this.driver = driver;
        this.base = base;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:19250";
        Path out = Path.of(args.length > 1 ? args[1] : "docs/screenshots");
        Files.createDirectories(out);
        Path profile = Files.createTempDirectory("mlforge-shots-chromium-");
        ChromeDriver driver = BrowserTimings.chrome(profile, "--force-device-scale-factor=1", "--force-color-profile=srgb",
                "--hide-scrollbars");
        try {
            new DemoScreenshots(driver, base, out).takeAll();
        } finally {
            driver.quit();
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private void takeAll() throws Exception {
        open("/ui/experiments");
        String experiment = link("table a[href^='/ui/experiments/']:not([href='/ui/experiments/0'])");
        shot("experiments", 1000);
        if (experiment != null) {
            open(experiment);
            shot("runs", 1000);
            // the run and the comparison show the trials, best first (the pipeline's step runs log no metrics)
            open(experiment + "?filter=metrics.accuracy+%3E+0&order_by=metrics.%60accuracy%60+DESC");
            List<String> runs = new ArrayList<>();
            for (WebElement row : driver.findElements(By.cssSelector("#runs tbody tr[data-run]"))) {
                runs.add(row.getAttribute("data-run"));
            }
            if (!runs.isEmpty()) {
                open("/ui/runs/" + runs.get(0));
                shot("run", 1700);
                open("/ui/compare?runs=" + String.join(",", runs.subList(0, Math.min(6, runs.size()))));
                shot("compare", 1600);
            }
        }
        open("/ui/models");
        String model = link("main a[href^='/ui/models/']");
        shot("ui-models", 1000);
        if (model != null) {
            open(model);
            String version = link("main a[href*='/versions/']");
            if (version != null) {
                open(version);
                String lineage = link("main a[href^='/ui/lineage']");
                shot("ui-model-version", 1900);
                if (lineage != null) {
                    open(lineage);
                    shot("ui-lineage", 800);
                }
            }
        }
        detail("/ui/deployments", "main a[href^='/ui/deployments/']", null, "ui-deployment", 1500);
        detail("/ui/monitors", "main a[href^='/ui/monitors/']", "ui-monitors", "ui-monitor", 2400);
        detail("/ui/datasets", "main a[href^='/ui/datasets/']", null, "ui-dataset", 1400);
        detail("/ui/pipelines", "main a[href^='/ui/pipelines/runs/']", null, "ui-pipeline-run", 1500);
        detail("/ui/traces", "main a[href^='/ui/traces/']", null, "ui-trace", 1000);
    }

    /** Opens a list page (screenshot {@code listName} unless null) and its first detail page ({@code detailName}). */
    private void detail(String list, String css, String listName, String detailName, int height) throws Exception {
        open(list);
        String first = link(css);
        if (listName != null) {
            shot(listName, 1000);
        }
        if (first == null) {
            System.out.println("no " + detailName + ": " + list + " lists nothing (skipped)");
            return;
        }
        open(first);
        shot(detailName, height);
    }

    private void open(String path) {
        driver.get(path.startsWith("http") ? path : base + path);
    }

    private String link(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0).getAttribute("href");
    }

    /** Light then dark, each at most {@code maxHeight} pixels tall (the page's own height if shorter). */
    private void shot(String name, int maxHeight) throws Exception {
        for (String theme : List.of("light", "dark")) {
            driver.executeScript("localStorage.setItem('mlforge-theme', arguments[0])", theme);
            driver.navigate().refresh();
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(driver.executeScript(
                    "return document.readyState === 'complete' && Array.prototype.every.call("
                            + "document.querySelectorAll('.chart'), function (c) { return c.dataset.rendered === 'true'"
                            + " || c.textContent.trim().length > 0 || c.offsetParent === null; })")));
            long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
            driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(maxHeight, Math.max(700, height))));
            Thread.sleep(300);
            Path file = out.resolve(name + (theme.equals("dark") ? "-dark" : "") + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new Dimension(WIDTH, 1000));
            System.out.println("saved " + file);
        }
        driver.executeScript("localStorage.setItem('mlforge-theme', 'light')");
    }
}
