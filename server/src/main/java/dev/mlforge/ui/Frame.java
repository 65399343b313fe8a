package dev.mlforge.ui;

import java.util.List;

/**
 * What the layout template needs besides a page's own content: the title, which navigation section is current, the
 * asset URLs, who is signed in (null without authentication), and the CSRF token of the session that signed them in
 * (null when the request carried other credentials): {@code app.js} sends it with every state-changing call. The
 * workspace the page works in and those the caller may pick fill the picker; {@code app.js} names the workspace in the
 * header of every call to the API.
 */
public record Frame(String title, String section, Assets assets, String user, boolean canSignOut, String csrfToken,
        String workspace, List<String> workspaces) {
    public List<NavItem> nav() {
        return NavItem.ALL;
    }

    /** The content-hashed URL of a UI asset (see {@link Assets#url}). */
    public String asset(String name) {
        return assets.url(name);
    }
}
