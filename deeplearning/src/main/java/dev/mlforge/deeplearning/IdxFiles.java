package dev.mlforge.deeplearning;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads gzipped IDX files (the MNIST / Fashion-MNIST format: big-endian header, then unsigned bytes). */
public final class IdxFiles {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxFiles() {
    }

    /**
     * Reads an images file and its labels file.
     *
     * @param imagesGz {@code *-images-idx3-ubyte.gz}
     * @param labelsGz {@code *-labels-idx1-ubyte.gz}
     * @param classes the number of classes
     * @return the images scaled to [0, 1]
     * @throws IOException when a file cannot be read or is not in IDX format
     */
    public static ImageSet read(Path imagesGz, Path labelsGz, int classes) throws IOException {
        try (DataInputStream images = open(imagesGz); DataInputStream labels = open(labelsGz)) {
            expectMagic(images, IMAGES_MAGIC, imagesGz);
            int count = images.readInt();
            int height = images.readInt();
            int width = images.readInt();
            expectMagic(labels, LABELS_MAGIC, labelsGz);
            int labelCount = labels.readInt();
            if (labelCount != count) {
                throw new IOException(imagesGz + " has " + count + " images but " + labelsGz + " has " + labelCount
                        + " labels");
            }
            byte[] raw = images.readNBytes(count * height * width);
            byte[] rawLabels = labels.readNBytes(count);
            if (raw.length != count * height * width || rawLabels.length != count) {
                throw new IOException("truncated IDX file " + imagesGz + " or " + labelsGz);
            }
            float[] pixels = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                pixels[i] = (raw[i] & 0xff) / 255f;
            }
            int[] ys = new int[count];
            for (int i = 0; i < count; i++) {
                ys[i] = rawLabels[i] & 0xff;
            }
            return new ImageSet(pixels, ys, height, width, classes);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return new DataInputStream(new GZIPInputStream(in, 1 << 16));
    }

    private static void expectMagic(DataInputStream in, int expected, Path file) throws IOException {
        int magic = in.readInt();
        if (magic != expected) {
            throw new IOException(file + " is not an IDX file of the expected kind (magic " + Integer.toHexString(magic)
                    + ")");
        }
    }
}
