package dev.mlforge.ui;

import dev.mlforge.auth.Sessions;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.store.WorkspaceContext;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What every page class uses: the precompiled templates (under {@code server/src/main/jte}, turned into Java at build
 * time by jte-maven-plugin), the assets, and the {@link Frame} of a request. A page handler gathers its data into one
 * record and calls {@link #render}.
 */
public final class PageKit {
    /** The package jte-maven-plugin generates the templates into (see server/pom.xml). */
    static final String TEMPLATE_PACKAGE = "gg.jte.generated.mlforge";
    /** The workspace of requests that name none. */
    public static final String DEFAULT_WORKSPACE = WorkspaceContext.DEFAULT;
    static final String WORKSPACE_PARAMETER = "workspace";
    static final String WORKSPACE_COOKIE = "mlforge-workspace";

    private final TemplateEngine templates;
    private final Assets assets;
    private final boolean signOut;
    private final UiWorkspaces workspaces;

    PageKit(Assets assets, boolean signOut, UiWorkspaces workspaces) {
        this.templates = TemplateEngine.createPrecompiled(null, ContentType.Html, PageKit.class.getClassLoader(),
                TEMPLATE_PACKAGE);
        this.assets = assets;
        this.signOut = signOut;
        this.workspaces = workspaces;
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
        return new Frame(title, section, assets, user, user != null && (signOut || csrfToken != null), csrfToken,
                workspace(ctx), workspaces.choices(identity));
    }

    /**
     * The workspace the UI works in for this request: the {@code workspace} query parameter (the picker's, remembered in
     * a cookie), else the {@code X-MLFLOW-WORKSPACE} header's, else the cookie's, else {@code default}; one the caller
     * may not work in is {@code default}.
     */
    public String workspace(Context ctx) {
        String known = ctx.attribute(WORKSPACE_COOKIE);
        if (known != null) {
            return known;
        }
        List<String> choices = workspaces.choices(RequestIdentity.of(ctx));
        String asked = ctx.queryParam(WORKSPACE_PARAMETER);
        String header = ctx.header(WorkspaceContext.HEADER); // as on every API route; browsers navigate without it
        String remembered = ctx.cookie(WORKSPACE_COOKIE);
        String workspace = DEFAULT_WORKSPACE;
        if (asked != null && choices.contains(asked)) {
            workspace = asked; // a name of the caller's choices: nothing in it needs escaping
            ctx.res().addHeader("Set-Cookie", WORKSPACE_COOKIE + "=" + asked + "; Path=/; HttpOnly; SameSite=Lax"
                    + (ctx.req().isSecure() ? "; Secure" : ""));
        } else if (header != null && choices.contains(header.trim())) {
            workspace = header.trim();
        } else if (remembered != null && choices.contains(remembered)) {
            workspace = remembered;
        }
        ctx.attribute(WORKSPACE_COOKIE, workspace);
        return workspace;
    }

    /** Before a page's handler: the stores it reads work in the page's workspace (the lists' SQL is scoped by it). */
    void enterWorkspace(Context ctx) {
        if (!ctx.path().startsWith(Assets.PREFIX)) {
            workspaces.enter(workspace(ctx));
        }
    }

    /** True when a list of this request's page may show the resource: it lives in the request's workspace. */
    public boolean inWorkspace(Context ctx, Visibility.Kind kind, String id) {
        return workspaces.holds(workspace(ctx), kind, id);
    }

    /**
     * A page of one resource answers 404, as the API does, when the resource lives in another workspace than the
     * page's: opening it by URL does not cross workspaces.
     */
    public void requireInWorkspace(Context ctx, Visibility.Kind kind, String id) {
        if (!inWorkspace(ctx, kind, id)) {
            throw MlforgeException.notFound(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " '" + id
                    + "' not found in workspace '" + workspace(ctx) + "'");
        }
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
