package dev.mlforge.registry;

import java.util.List;

/**
 * The result of re-hashing a version's files against its manifest.
 *
 * @param intact   true when every recorded file is unchanged and no file was added
 * @param modified files whose content changed; {@code missing} were deleted; {@code added} are new
 */
public record Verification(boolean intact, int filesRecorded, List<String> modified, List<String> missing, List<String> added) {}
