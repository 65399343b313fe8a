package dev.mlforge.ui;

/**
 * The sign-in page: the password form (unless the server signs in through OIDC only), a link to the issuer's sign-in
 * or back to the password form, and the reason the last attempt failed.
 *
 * @param stylesheet   the content-hashed URL of {@code app.css}
 * @param next         the local page to return to after signing in
 * @param username     the name typed in the last attempt, kept in the form
 * @param error        why the last attempt failed, or null
 * @param passwordForm whether the password form shows
 * @param oidcHref     where the issuer's sign-in starts, or null
 * @param passwordHref where the password form is when the OIDC sign-in is the default, or null
 */
public record SignInPage(String stylesheet, String next, String username, String error, boolean passwordForm,
        String oidcHref, String passwordHref) {}
