package dev.mlforge.cli;

import dev.mlforge.monitoring.drift.Histogram;
import java.util.Locale;

/** An overlaid reference/current bar chart of shares per bin, as inline SVG. */
final class SvgHistogram {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 64;

    private SvgHistogram() {
    }

    static String render(Histogram histogram, String referenceColor, String currentColor) {
        int bins = histogram.labels().size();
        if (bins == 0) {
            return "<p>No data to plot.</p>";
        }
        double max = 0;
        for (int i = 0; i < bins; i++) {
            max = Math.max(max, Math.max(histogram.reference()[i], histogram.current()[i]));
        }
        double top = niceCeiling(max);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = plotWidth / bins;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
        for (int tick = 0; tick <= 4; tick++) {
            double value = top * tick / 4;
            double y = TOP + plotHeight - plotHeight * tick / 4;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e7eb\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#52606d\">%s</text>", LEFT, y,
                    WIDTH - RIGHT, y, LEFT - 6, y + 4, percent(value)));
        }
        boolean rotate = bins > 10;
        int labelEvery = Math.max(1, (int) Math.ceil(bins / 25.0));
        for (int i = 0; i < bins; i++) {
            double x = LEFT + slot * i;
            // the two series overlap: reference wide behind, current narrower in front, both translucent
            bar(svg, x + slot * 0.08, slot * 0.84, histogram.reference()[i], top, plotHeight, referenceColor, 0.55);
            bar(svg, x + slot * 0.25, slot * 0.5, histogram.current()[i], top, plotHeight, currentColor, 0.8);
            if (i % labelEvery == 0) {
                String label = DriftHtml.escape(shorten(histogram.labels().get(i)));
                double labelX = x + slot / 2;
                double labelY = TOP + plotHeight + 14;
                svg.append(rotate
                        ? String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#3e4c59\" "
                                + "transform=\"rotate(-40 %.1f %.1f)\">%s</text>", labelX, labelY, labelX, labelY, label)
                        : String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                                + "fill=\"#3e4c59\">%s</text>", labelX, labelY, label));
            }
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#7b8794\"/>",
                LEFT, TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"8\" width=\"12\" height=\"12\" fill=\"%s\" "
                + "fill-opacity=\"0.55\"/><text x=\"%d\" y=\"18\">reference</text><rect x=\"%d\" y=\"8\" width=\"12\" "
                + "height=\"12\" fill=\"%s\" fill-opacity=\"0.8\"/><text x=\"%d\" y=\"18\">current</text>",
                LEFT, referenceColor, LEFT + 16, LEFT + 90, currentColor, LEFT + 106));
        return svg.append("</svg>").toString();
    }

    private static void bar(StringBuilder svg, double x, double width, double share, double top, double plotHeight,
            String color, double opacity) {
        double height = top == 0 ? 0 : plotHeight * share / top;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                + "fill-opacity=\"%.2f\"><title>%s</title></rect>", x, TOP + plotHeight - height, Math.max(width, 1),
                height, color, opacity, percent(share)));
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String percent(double share) {
        double percent = share * 100;
        return String.format(Locale.ROOT, Math.abs(percent - Math.rint(percent)) < 1e-9 ? "%.0f%%" : "%.1f%%", percent);
    }

    private static String shorten(String label) {
        return label.length() > 14 ? label.substring(0, 13) + "…" : label;
    }
}
