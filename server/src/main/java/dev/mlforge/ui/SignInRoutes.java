package dev.mlforge.ui;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.auth.BrowserSignIn;
import dev.mlforge.auth.OidcSignIn;
import dev.mlforge.auth.Sessions;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.ErrorResponses;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Signing in to the web UI and out again: {@code GET /ui/login} shows the password form (or, with an OIDC client
 * configured, sends the browser to the issuer), {@code POST /ui/login} checks the form like HTTP Basic and sets the
 * session cookie, {@code GET /ui/oidc/callback} finishes the issuer's sign-in, {@code POST /ui/logout} ends the
 * session. These routes are public (nobody is signed in yet); the session they open is an identity at the door like
 * any other, so the pages and the API calls made with it pass the same checks. The page to return to is only ever a
 * local path: no open redirect.
 */
final class SignInRoutes implements Routes {
    static final String HOME = "/ui/experiments";
    private static final String SIGN_IN = "/ui/login";
    /** The form field of the sign-out form that carries the session's CSRF token. */
    static final String CSRF_FIELD = "_csrf";

    private final PageKit kit;
    private final BrowserSignIn signIn;

    SignInRoutes(PageKit kit, BrowserSignIn signIn) {
        this.kit = kit;
        this.signIn = signIn;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(SIGN_IN, this::form, Role.PUBLIC);
        routes.post(SIGN_IN, this::passwordSignIn, Role.PUBLIC);
        routes.get("/ui/oidc/callback", this::oidcCallback, Role.PUBLIC);
        routes.post("/ui/logout", this::signOut, Role.PUBLIC);
    }

    private void form(Context ctx) {
        String next = localPath(ctx.queryParam("next"));
        if (!signIn.enabled() || RequestIdentity.of(ctx).authenticated()) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
            return;
        }
        OidcSignIn oidc = signIn.oidc();
        if (oidc != null && ctx.queryParam("password") == null) {
            OidcSignIn.Start start = oidc.start(next);
            cookie(ctx, OidcSignIn.COOKIE, start.flowCookie(), "/ui/oidc", 600);
            ctx.header("Cache-Control", "no-store");
            ctx.redirect(start.authorizationUrl().toString(), HttpStatus.FOUND);
            return;
        }
        render(ctx, 200, next, "", null);
    }

    private void passwordSignIn(Context ctx) {
        String next = localPath(ctx.formParam("next"));
        String username = text(ctx.formParam("username"));
        String password = ctx.formParam("password");
        if (username.isEmpty() || password == null || password.isEmpty()) {
            render(ctx, 400, next, username, "Enter your user name and password.");
            return;
        }
        try {
            String secret = signIn.withPassword(username, password, ctx.ip());
            sessionCookie(ctx, secret);
            ctx.redirect(next, HttpStatus.SEE_OTHER);
        } catch (MlforgeException e) {
            e.headers().forEach(ctx::header);
            String message = e.errorCode() == ErrorCode.UNAUTHENTICATED ? "Wrong user name or password." : e.getMessage();
            render(ctx, ErrorResponses.httpStatus(e.errorCode()), next, username, message);
        }
    }

    private void oidcCallback(Context ctx) {
        OidcSignIn oidc = signIn.oidc();
        if (oidc == null) {
            throw MlforgeException.notFound("OIDC sign-in is not configured (auth.oidc.client-id)");
        }
        String flow = ctx.cookie(OidcSignIn.COOKIE);
        cookie(ctx, OidcSignIn.COOKIE, "", "/ui/oidc", 0);
        String issuerError = ctx.queryParam("error");
        try {
            if (issuerError != null) {
                throw new MlforgeException(ErrorCode.UNAUTHENTICATED, "The issuer refused the sign-in: " + issuerError);
            }
            OidcSignIn.Finish finish = oidc.finish(ctx.queryParam("code"), ctx.queryParam("state"), flow);
            sessionCookie(ctx, finish.sessionSecret());
            ctx.redirect(localPath(finish.next()), HttpStatus.SEE_OTHER);
        } catch (MlforgeException e) {
            render(ctx, ErrorResponses.httpStatus(e.errorCode()), HOME, "", e.getMessage());
        }
    }

    private void signOut(Context ctx) {
        String secret = ctx.cookie(Sessions.COOKIE);
        if (secret != null && signIn.sessions().live(secret)) {
            if (!Sessions.csrfMatches(secret, ctx.formParam(CSRF_FIELD))) {
                throw new MlforgeException(ErrorCode.PERMISSION_DENIED, "Missing or wrong CSRF token in the sign-out form");
            }
            signIn.sessions().close(secret);
        }
        cookie(ctx, Sessions.COOKIE, "", "/", 0);
        ctx.header("Cache-Control", "no-store");
        // With OIDC sign-in, the issuer's own session ends too when it offers that (else its sign-in page would sign
        // the browser straight back in); it then sends the browser back to the sign-in page.
        java.net.URI atIssuer = signIn.oidc() == null ? null : signIn.oidc().signOutUrl();
        ctx.redirect(atIssuer == null ? SIGN_IN : atIssuer.toString(), HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, int status, String next, String username, String error) {
        boolean oidc = signIn.oidc() != null;
        String query = "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        boolean passwordForm = !oidc || ctx.queryParam("password") != null || "POST".equals(ctx.method().name());
        kit.render(ctx, "signin/login.jte", new SignInPage(kit.assets().url("app.css"), next, username, error, passwordForm,
                oidc ? SIGN_IN + query : null, oidc && !passwordForm ? SIGN_IN + query + "&password" : null));
        ctx.status(status);
    }

    private void sessionCookie(Context ctx, String secret) {
        cookie(ctx, Sessions.COOKIE, secret, "/", signIn.sessions().settings().maxAge().toSeconds());
    }

    /** Sets a cookie scripts cannot read, sent only by same-site navigations and requests, and only over TLS when on. */
    private static void cookie(Context ctx, String name, String value, String path, long maxAgeSeconds) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Lax" + (ctx.req().isSecure() ? "; Secure" : ""));
    }

    /**
     * The page to return to after signing in: a path on this server ({@code /ui/runs/1?x=y}), else the experiments.
     * Anything that a browser could read as another site ({@code //evil.test}, {@code /\evil.test}, a scheme, control
     * characters) is refused, as is the sign-in page itself.
     */
    static String localPath(String next) {
        if (next == null || next.length() > 2000 || !next.startsWith("/") || next.startsWith("//") || next.startsWith(SIGN_IN)) {
            return HOME;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return HOME;
            }
        }
        return next;
    }

    private static String text(String value) {
        return value == null ? "" : value.trim();
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag webUI = ApiDoc.tag("Web UI");
        return List.of(
                webUI.post("/ui/logout", "Web UI: sign out: ends the session of the session cookie (the form carries its CSRF token) and clears the cookie")
                        .request("application/x-www-form-urlencoded").withoutBody()
                        .status(303, "redirect to /ui/login, the session cookie cleared"),
                webUI.get("/ui/login", "Web UI: the sign-in page (password form), or with an OIDC client configured a redirect to the issuer (authorization code + PKCE)")
                        .query("next", "the local page to return to after signing in (anything but a path on this server is ignored)")
                        .query("password", "show the password form even when OIDC sign-in is configured")
                        .response("text/html").status(200, "the sign-in page")
                        .also(302, "redirect to the issuer's authorization endpoint (OIDC)")
                        .also(303, "already signed in, or no authentication configured; redirect to next"),
                webUI.post("/ui/login", "Web UI: sign in with a user name and password (checked as HTTP Basic is); sets the session cookie (HttpOnly, SameSite=Lax, Secure over TLS)")
                        .request("application/x-www-form-urlencoded").withoutBody()
                        .status(303, "signed in; redirect to next")
                        .also(429, "too many attempts for this name from this address; Retry-After says when to try again"),
                webUI.get("/ui/oidc/callback", "Web UI: where the OIDC issuer returns the browser; checks state, exchanges the code, verifies the ID token (nonce, audience) and opens a session")
                        .query("code", "").query("state", "").query("error", "").withoutBody()
                        .status(303, "signed in; the session cookie set, redirect to the page asked for")
                        .also(404, ""));
    }
}
