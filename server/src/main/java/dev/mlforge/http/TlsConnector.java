package dev.mlforge.http;

import java.nio.file.Path;
import java.util.Set;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Scanner;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS connector that replaces plain HTTP when TLS is configured: Jetty's {@link SslContextFactory} over the
 * certificate {@link TlsKeyStores} reads, and Jetty's {@link Scanner} watching the certificate files, so a renewed
 * certificate is served to new connections without a restart (a file that fails to load keeps the previous one).
 */
final class TlsConnector {
    private static final Logger log = LoggerFactory.getLogger(TlsConnector.class);

    private TlsConnector() {}

    static ServerConnector create(Server server, HttpConfiguration httpConfig, TlsSettings settings, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(TlsKeyStores.load(settings));
        ssl.setKeyManagerPassword(settings.keystorePassword());
        HttpConfiguration https = new HttpConfiguration(httpConfig);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Which names the server answers to is the door's allowed-hosts check, not the certificate's.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        if (settings.reloadIntervalSeconds() > 0) {
            server.addBean(scanner(ssl, settings));
        }
        return connector;
    }

    private static Scanner scanner(SslContextFactory.Server ssl, TlsSettings settings) {
        Scanner scanner = new Scanner();
        scanner.setScanInterval(settings.reloadIntervalSeconds());
        scanner.setReportExistingFilesOnStartup(false);
        for (Path file : settings.watchedFiles()) {
            scanner.addFile(file);
        }
        scanner.addListener(new Scanner.BulkListener() {
            @Override
            public void pathsChanged(Set<Path> paths) {
                reload(ssl, settings);
            }
        });
        return scanner;
    }

    private static void reload(SslContextFactory.Server ssl, TlsSettings settings) {
        try {
            ssl.reload(factory -> factory.setKeyStore(TlsKeyStores.load(settings)));
            log.info("Reloaded the TLS certificate after its files changed");
        } catch (Exception e) {
            log.warn("The changed TLS certificate could not be loaded ({}); still serving the previous one", e.getMessage());
        }
    }
}
