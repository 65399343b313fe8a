package dev.mlforge.registry;

import java.util.List;

/**
 * The result of re-hashing a version's files against its manifest.
 *
 * @param intact       true when every recorded file is unchanged and no file was added
 * @param modified     files whose content changed; {@code missing} were deleted; {@code added} are new
 * @param filesPresent false when the version was registered before its files and they have not arrived yet (then
 *                     nothing is recorded and {@code intact} is false)
 */
public record Verification(boolean intact, int filesRecorded, List<String> modified, List<String> missing, List<String> added,
        boolean filesPresent) {

    /** The answer for a version whose source has no files in the artifact store yet. */
    static Verification filesNotUploaded() {
        return new Verification(false, 0, List.of(), List.of(), List.of(), false);
    }
}
