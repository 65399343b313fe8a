package dev.mlforge.tracking;

import java.util.List;

/** A SQL statement with its positional arguments; values are always bound, never spliced into the text. */
record SqlQuery(String sql, List<Object> args) {
}
