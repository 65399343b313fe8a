package dev.mlforge.deeplearning;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads scikit-learn's {@code digits.csv.gz}: per line 64 pixel values in 0..16, then the label. */
public final class DigitsCsv {
    private static final int SIDE = 8;
    private static final float MAX_PIXEL = 16f;

    private DigitsCsv() {
    }

    /**
     * @param gzipped the gzipped CSV
     * @return the 8x8 images scaled to [0, 1], 10 classes
     * @throws IOException when the stream cannot be read or a line is malformed
     */
    public static ImageSet read(InputStream gzipped) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(gzipped), StandardCharsets.US_ASCII))) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != SIDE * SIDE + 1) {
                    throw new IOException("digits line " + lineNumber + " has " + cells.length + " values, expected 65");
                }
                float[] row = new float[SIDE * SIDE];
                for (int i = 0; i < row.length; i++) {
                    row[i] = Float.parseFloat(cells[i]) / MAX_PIXEL;
                }
                rows.add(row);
                labels.add((int) Float.parseFloat(cells[SIDE * SIDE]));
            }
        }
        float[] pixels = new float[rows.size() * SIDE * SIDE];
        int[] ys = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, pixels, i * SIDE * SIDE, SIDE * SIDE);
            ys[i] = labels.get(i);
        }
        return new ImageSet(pixels, ys, SIDE, SIDE, 10);
    }
}
