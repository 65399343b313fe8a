package dev.mlforge.sdk;

/**
 * Receives the progress of an artifact upload or download, from the thread that moves the bytes.
 *
 * <p>Calls arrive often (once per buffer); implementations should be cheap and throttle their own output.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = (file, bytesDone, bytesTotal) -> { };

    /**
     * Reports how far the transfer of one file has come.
     *
     * @param file the artifact path of the file being transferred
     * @param bytesDone bytes transferred so far
     * @param bytesTotal the file size in bytes, or -1 when unknown
     */
    void onProgress(String file, long bytesDone, long bytesTotal);
}
