package dev.mlforge.sdk;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read through it and reports them to a {@link ProgressListener}. */
final class ProgressInputStream extends FilterInputStream {
    private final String file;
    private final long total;
    private final ProgressListener listener;
    private long done;

    ProgressInputStream(InputStream in, String file, long total, ProgressListener listener) {
        super(in);
        this.file = file;
        this.total = total;
        this.listener = listener;
        listener.onProgress(file, 0, total);
    }

    @Override
    public int read() throws IOException {
        int value = super.read();
        if (value >= 0) {
            advance(1);
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = super.read(buffer, offset, length);
        if (count > 0) {
            advance(count);
        }
        return count;
    }

    private void advance(long count) {
        done += count;
        listener.onProgress(file, done, total);
    }
}
