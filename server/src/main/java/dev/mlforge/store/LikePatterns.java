package dev.mlforge.store;

/**
 * MLflow's LIKE is case-sensitive; SQLite's LIKE ignores case but its GLOB does not, so the SQLite searches of
 * tracking and the registry rewrite a LIKE pattern as a GLOB pattern.
 */
public final class LikePatterns {
    private LikePatterns() {}

    /** SQL LIKE wildcards to a GLOB pattern, escaping GLOB's own special characters. */
    public static String toGlob(String like) {
        StringBuilder glob = new StringBuilder(like.length() + 8);
        for (char c : like.toCharArray()) {
            switch (c) {
                case '%' -> glob.append('*');
                case '_' -> glob.append('?');
                case '*' -> glob.append("[*]");
                case '?' -> glob.append("[?]");
                case '[' -> glob.append("[[]");
                default -> glob.append(c);
            }
        }
        return glob.toString();
    }
}
