package dev.mlforge.bench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Page timings read from Debian's headless Chromium (through Debian's chromedriver, as the browser tests drive it):
 * each navigation's {@code performance.getEntriesByType('navigation')} entry (server time = responseStart -
 * requestStart, DOM ready, load) and the time of a {@code performance.mark} the page sets once its table is usable
 * ({@code mlforge:table-ready}, runs.js) or its first chart is drawn ({@code mlforge:chart-drawn}, charts.js).
 */
final class BrowserTimings implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String TABLE_READY = "mlforge:table-ready";
    static final String CHART_DRAWN = "mlforge:chart-drawn";

    private final ChromeDriver driver;
    private final Path profile;

    private BrowserTimings(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static BrowserTimings start() throws Exception {
        Path profile = Files.createTempDirectory("mlforge-bench-chromium-");
        ChromeDriver driver = chrome(profile);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new BrowserTimings(driver, profile);
    }

    /** Headless Chromium, offline, 1440 x 1000, with a fresh profile; {@code extra} arguments are added. */
    static ChromeDriver chrome(Path profile, String... extra) {
        System.setProperty("SE_OFFLINE", "true");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1440,1000");
        options.addArguments(extra);
        return new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
    }

    /** One navigation's figures in ms from its start; {@code ready} is the mark's time, or the load end without one. */
    record Visit(double server, double domReady, double load, double ready) {}

    /** Opens {@code url} and waits for {@code mark} (null: none, the load event is the end). */
    Visit visit(String url, String mark) {
        driver.get(url);
        if (mark != null) {
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> Boolean.TRUE.equals(
                    driver.executeScript("return performance.getEntriesByName(arguments[0]).length > 0", mark)));
        }
        @SuppressWarnings("unchecked")
        List<Number> figures = (List<Number>) driver.executeScript("var n = performance.getEntriesByType('navigation')[0];"
                + "var m = arguments[0] ? performance.getEntriesByName(arguments[0])[0] : null;"
                + "return [n.responseStart - n.requestStart, n.domContentLoadedEventEnd, n.loadEventEnd,"
                + " m ? m.startTime : n.loadEventEnd];", mark);
        return new Visit(figures.get(0).doubleValue(), figures.get(1).doubleValue(), figures.get(2).doubleValue(),
                figures.get(3).doubleValue());
    }

    /** How many elements match a CSS selector on the current page (a DOM check that the page drew what it should). */
    long count(String css) {
        return ((Number) driver.executeScript("return document.querySelectorAll(arguments[0]).length", css)).longValue();
    }

    /** The p50 of each figure over {@code samples} visits, after one untimed visit. */
    Visit median(String url, String mark, int samples) {
        visit(url, mark);
        Visit[] visits = new Visit[samples];
        for (int i = 0; i < samples; i++) {
            visits[i] = visit(url, mark);
        }
        return new Visit(p50(visits, Visit::server), p50(visits, Visit::domReady), p50(visits, Visit::load),
                p50(visits, Visit::ready));
    }

    private static double p50(Visit[] visits, java.util.function.ToDoubleFunction<Visit> figure) {
        double[] values = Arrays.stream(visits).mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    static String format(String name, Visit visit, Visit baseline, double targetMillis) {
        return String.format(Locale.ROOT, "%-34s server %7.1f  dom %7.1f  load %7.1f  drawn %7.1f ms  x%5.1f of baseline%s",
                name, visit.server(), visit.domReady(), visit.load(), visit.ready(), visit.ready() / baseline.ready(),
                targetMillis < 0 ? "" : String.format(Locale.ROOT, "  (target < %.0f ms: %s)", targetMillis,
                        visit.ready() < targetMillis ? "met" : "MISSED"));
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
