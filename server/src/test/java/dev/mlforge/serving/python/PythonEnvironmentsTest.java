package dev.mlforge.serving.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model whose requirements Debian's python3 lacks gets a virtual environment built from them: pip installs the
 * missing package from a package index (a PEP 503 "simple" index serving one pure-Python wheel, started here), the
 * workers run in that environment and answer sklearn's own predictions, and a second model with the same
 * requirements reuses it. A package no index has is refused naming it and pip's own error, without server paths.
 */
class PythonEnvironmentsTest {
    private static final String PACKAGE = "mlforge-envtest";
    private static final byte[] WHEEL = wheel();
    private static final String WHEEL_FILE = "mlforge_envtest-1.0-py3-none-any.whl";
    private static final List<String> INDEX_REQUESTS = new CopyOnWriteArrayList<>();
    private static final HttpServer INDEX = index();

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("serving.python.interpreter", SklearnModels.interpreter())
            .withConfig("serving.python.index-url", "http://127.0.0.1:" + INDEX.getAddress().getPort() + "/simple");
    private final LoggedModels models = new LoggedModels(server);

    @AfterAll
    static void stopIndex() {
        INDEX.stop(0);
    }

    @Test
    void missing_packages_are_installed_from_the_index_into_an_environment_the_workers_run_in() {
        SklearnModels.Written model = SklearnModels.write("classifier", server.dataDir(), PACKAGE + "==1.0");
        String version = models.registerModel("env_built", model.directory());

        TestHttp.Response deploy = models.deploy("env_built", "models:/env_built/" + version);

        assertThat(deploy.status()).as(deploy.body()).isEqualTo(200);
        assertThat(INDEX_REQUESTS).as("pip asked the index for the missing package and downloaded its wheel")
                .anyMatch(path -> path.startsWith("/simple/" + PACKAGE))
                .anyMatch(path -> path.equals("/files/" + WHEEL_FILE));
        JsonNode served = server.http().post("/api/v1/deployments/env_built/invocations", model.dataframeSplit()).json(200);
        assertThat(served.get("predictions")).isEqualTo(model.predictions());
        assertThat(SklearnModels.workers()).as("a worker runs the environment's interpreter")
                .anyMatch(worker -> argv0(worker).startsWith(server.dataDir().resolve("python-envs").toString()));

        int requestsBefore = INDEX_REQUESTS.size();
        SklearnModels.Written same = SklearnModels.write("classifier", server.dataDir(), PACKAGE + "==1.0");
        String second = models.registerModel("env_reused", same.directory());
        assertThat(models.deploy("env_reused", "models:/env_reused/" + second).status()).isEqualTo(200);
        assertThat(INDEX_REQUESTS).as("the second model reuses the environment built for the same requirements")
                .hasSize(requestsBefore);
        assertThat(server.http().post("/api/v1/deployments/env_reused/invocations", same.dataframeSplit()).json(200)
                .get("predictions")).isEqualTo(same.predictions());
    }

    @Test
    void a_package_no_index_has_is_refused_naming_it_and_pips_error_without_server_paths() {
        SklearnModels.Written model = SklearnModels.write("classifier", server.dataDir(), "mlforge-nowhere==2.0");
        String version = models.registerModel("env_refused", model.directory());

        TestHttp.Response deploy = models.deploy("env_refused", "models:/env_refused/" + version);

        assertThat(deploy.status()).as(deploy.body()).isEqualTo(400);
        assertThat(deploy.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        String message = deploy.json().get("message").asText();
        assertThat(message).contains("[mlforge-nowhere]").contains("serving.python.index-url")
                .contains("mlforge-nowhere==2.0").doesNotContain(server.dataDir().toString());
        assertThat(server.http().get("/api/v1/deployments/env_refused").status()).isEqualTo(404);
    }

    /** The program path a process was started with (the JDK reports the resolved executable, not the venv's link). */
    private static String argv0(ProcessHandle process) {
        try {
            String commandLine = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
            return commandLine.substring(0, Math.max(0, commandLine.indexOf('\0')));
        } catch (IOException e) {
            return "";
        }
    }

    /** A PEP 503 index: {@code /simple/<name>/} links the wheel of {@link #PACKAGE}; other names are unknown. */
    private static HttpServer index() {
        try {
            HttpServer index = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            index.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                INDEX_REQUESTS.add(path);
                if (path.equals("/simple/" + PACKAGE + "/") || path.equals("/simple/" + PACKAGE)) {
                    String link = "<a href=\"/files/" + WHEEL_FILE + "#sha256=" + HexFormat.of().formatHex(sha256(WHEEL))
                            + "\">" + WHEEL_FILE + "</a>";
                    answer(exchange, 200, "text/html", ("<!DOCTYPE html><html><body>" + link + "</body></html>")
                            .getBytes(StandardCharsets.UTF_8));
                } else if (path.equals("/files/" + WHEEL_FILE)) {
                    answer(exchange, 200, "application/octet-stream", WHEEL);
                } else {
                    answer(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                }
            });
            index.start();
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** A pure-Python wheel of {@code mlforge-envtest 1.0}: one module, its metadata and a RECORD with hashes. */
    private static byte[] wheel() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("mlforge_envtest/__init__.py", "VALUE = 42\n".getBytes(StandardCharsets.UTF_8));
        files.put("mlforge_envtest-1.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: mlforge-envtest\nVersion: 1.0\n".getBytes(StandardCharsets.UTF_8));
        files.put("mlforge_envtest-1.0.dist-info/WHEEL",
                "Wheel-Version: 1.0\nGenerator: mlforge-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
                        .getBytes(StandardCharsets.UTF_8));
        StringBuilder record = new StringBuilder();
        files.forEach((name, content) -> record.append(name).append(",sha256=")
                .append(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(content))).append(',')
                .append(content.length).append('\n'));
        record.append("mlforge_envtest-1.0.dist-info/RECORD,,\n");
        files.put("mlforge_envtest-1.0.dist-info/RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
