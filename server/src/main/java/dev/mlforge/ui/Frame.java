package dev.mlforge.ui;

import java.util.List;

/**
 * What the layout template needs besides a page's own content: the title, which navigation section is current, the
 * asset URLs, and who is signed in (null without authentication).
 */
public record Frame(String title, String section, Assets assets, String user, boolean canSignOut) {
    public List<NavItem> nav() {
        return NavItem.ALL;
    }

    /** The content-hashed URL of a UI asset (see {@link Assets#url}). */
    public String asset(String name) {
        return assets.url(name);
    }
}
