package dev.mlforge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The UI's frame over real HTTP: the root leads to the experiments, every page family is linked, assets are cached. */
class UiSkeletonTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();

    @Test
    void the_root_leads_to_the_experiments_page() {
        TestHttp.Response root = server.http().get("/");
        assertThat(root.status()).isEqualTo(302);
        assertThat(root.header("Location").orElse("")).contains("/ui/experiments");
    }

    @Test
    void the_experiments_page_lists_experiments_inside_the_layout_with_every_section_linked() {
        server.http().post("/api/2.0/mlflow/experiments/create", Map.of("name", "skeleton-<b>experiment</b>")).ok();

        TestHttp.Response page = server.http().get("/ui/experiments");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type").orElse("")).contains("text/html");
        String html = page.body();
        assertThat(html).contains("skeleton-&lt;b&gt;experiment&lt;/b&gt;").doesNotContain("<b>experiment</b>");
        for (String href : new String[] {"/ui/experiments", "/ui/models", "/ui/deployments", "/ui/monitors", "/ui/datasets",
                "/ui/pipelines", "/ui/traces", "/ui/lineage"}) {
            assertThat(html).contains("href=\"" + href + "\"");
        }
        assertThat(html).contains("<main id=\"main\"", "<nav aria-label=\"Main\"", "data-theme-toggle",
                "aria-current=\"page\"");
    }

    @Test
    void assets_have_content_hashed_urls_cached_for_a_year() {
        String html = server.http().get("/ui/experiments").body();
        Matcher css = Pattern.compile("href=\"(/ui/assets/[0-9a-f]{12}/app\\.css)\"").matcher(html);
        assertThat(css.find()).as("a hashed stylesheet URL in %s", html).isTrue();

        TestHttp.Response asset = server.http().get(css.group(1));

        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.header("Content-Type").orElse("")).contains("text/css");
        assertThat(asset.header("Cache-Control").orElse("")).contains("immutable", "max-age=31536000");
        assertThat(asset.body()).contains("--accent");
    }

    @Test
    void the_charting_library_is_served_from_the_jar() {
        TestHttp.Response echarts = server.http().get(new Assets(getClass().getClassLoader(), java.util.List.of())
                .url("webjar:echarts/dist/echarts.min.js"));
        assertThat(echarts.status()).isEqualTo(200);
        assertThat(echarts.header("Content-Type").orElse("")).contains("javascript");
        assertThat(echarts.bytes().length).isGreaterThan(500_000);
    }

    @Test
    void an_unknown_asset_is_a_json_404() {
        TestHttp.Response missing = server.http().get("/ui/assets/000000000000/app.css");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }
}
