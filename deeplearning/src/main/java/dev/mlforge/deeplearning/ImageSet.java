package dev.mlforge.deeplearning;

import java.util.Arrays;

/**
 * Grayscale images with their class labels, pixels scaled to [0, 1], stored row-major one image after another.
 *
 * @param pixels all images' pixels, {@code size * height * width} values
 * @param labels the class index of each image
 * @param height image height in pixels
 * @param width image width in pixels
 * @param classes the number of classes
 */
public record ImageSet(float[] pixels, int[] labels, int height, int width, int classes) {

    public ImageSet {
        if (pixels.length != (long) labels.length * height * width) {
            throw new IllegalArgumentException("pixels (" + pixels.length + ") do not match " + labels.length
                    + " images of " + height + "x" + width);
        }
    }

    /** @return the number of images */
    public int size() {
        return labels.length;
    }

    /**
     * The images {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param from first image
     * @param to one past the last image
     * @return the slice
     */
    public ImageSet slice(int from, int to) {
        int pixelsPerImage = height * width;
        return new ImageSet(Arrays.copyOfRange(pixels, from * pixelsPerImage, to * pixelsPerImage),
                Arrays.copyOfRange(labels, from, to), height, width, classes);
    }

    float[] labelsAsFloats() {
        float[] result = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            result[i] = labels[i];
        }
        return result;
    }
}
