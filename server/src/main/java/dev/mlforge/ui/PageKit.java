package dev.mlforge.ui;

import dev.mlforge.auth.Sessions;
import dev.mlforge.http.RequestIdentity;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What every page class uses: the precompiled templates (under {@code server/src/main/jte}, turned into Java at build
 * time by jte-maven-plugin), the assets, and the {@link Frame} of a request. A page handler gathers its data into one
 * record and calls {@link #render}.
 */
public final class PageKit {
    /** The package jte-maven-plugin generates the templates into (see server/pom.xml). */
    static final String TEMPLATE_PACKAGE = "gg.jte.generated.mlforge";

    private final TemplateEngine templates;
    private final Assets assets;
    private final boolean signOut;

    PageKit(Assets assets, boolean signOut) {
        this.templates = TemplateEngine.createPrecompiled(null, ContentType.Html, PageKit.class.getClassLoader(),
                TEMPLATE_PACKAGE);
        this.assets = assets;
        this.signOut = signOut;
    }

    public Assets assets() {
        return assets;
    }

    /** The frame of a page titled {@code title} in the navigation section {@code section}. */
    public Frame frame(Context ctx, String title, String section) {
        RequestIdentity identity = RequestIdentity.of(ctx);
        String user = identity.authenticated() ? identity.name() : null;
        String session = ctx.header("Authorization") == null ? ctx.cookie(Sessions.COOKIE) : null;
        String csrfToken = user != null && session != null ? Sessions.csrfToken(session) : null;
        return new Frame(title, section, assets, user, user != null && (signOut || csrfToken != null), csrfToken);
    }

    /** Renders {@code template} ({@code "tracking/experiments.jte"}) with its one parameter {@code page} as the answer. */
    public void render(Context ctx, String template, Object page) {
        Utf8ByteOutput output = new Utf8ByteOutput();
        templates.render(template, page, output);
        ctx.contentType("text/html; charset=utf-8");
        ctx.header("Cache-Control", "no-store");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(output.getContentLength());
        try {
            output.writeTo(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.result(buffer.toByteArray());
    }
}
