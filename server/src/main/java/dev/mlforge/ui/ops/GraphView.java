package dev.mlforge.ui.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directed graph laid out in columns for an inline SVG (lineage, pipeline DAGs): drawn by the server, so it reads
 * without JavaScript. Each node sits in the column its caller gives (lineage: by kind; a DAG: by depth), in order.
 */
public record GraphView(int width, int height, List<Box> boxes, List<Line> lines) {
    static final int BOX_WIDTH = 190;
    static final int BOX_HEIGHT = 54;
    private static final int COLUMN_GAP = 90;
    private static final int LAYER_GAP = 34;
    private static final int ROW_GAP = 22;
    private static final int MARGIN = 12;

    /**
     * A node's box.
     *
     * @param kind  a CSS class: the node's type or state
     * @param href  where the box leads; null for none
     */
    public record Box(String id, int x, int y, String kind, String title, String subtitle, String href) {
        public int width() {
            return BOX_WIDTH;
        }

        public int height() {
            return BOX_HEIGHT;
        }

        /** The vertical middle of the title and subtitle lines. */
        public int titleY() {
            return y + 22;
        }

        public int subtitleY() {
            return y + 40;
        }
    }

    /** An edge as an SVG path, with its label at its middle. */
    public record Line(String from, String to, String path, String label, int labelX, int labelY) {}

    /** A node to place: {@code column} from 0 (left). */
    record Node(String id, int column, String kind, String title, String subtitle, String href) {}

    record Edge(String from, String to, String label) {}

    static GraphView layout(List<Node> nodes, List<Edge> edges) {
        return layout(nodes, edges, false);
    }

    /**
     * @param downward true to stack the columns top to bottom (a long chain, such as a pipeline, then reads down the
     *                 page instead of scrolling sideways)
     */
    static GraphView layout(List<Node> nodes, List<Edge> edges, boolean downward) {
        Map<Integer, Integer> rowsInColumn = new HashMap<>();
        Map<String, Box> boxes = new LinkedHashMap<>();
        int maxColumn = 0;
        int maxRow = 0;
        for (Node node : nodes) {
            int row = rowsInColumn.merge(node.column(), 1, Integer::sum) - 1;
            maxColumn = Math.max(maxColumn, node.column());
            maxRow = Math.max(maxRow, row);
            int x = downward ? MARGIN + row * (BOX_WIDTH + ROW_GAP) : MARGIN + node.column() * (BOX_WIDTH + COLUMN_GAP);
            int y = downward ? MARGIN + node.column() * (BOX_HEIGHT + LAYER_GAP) : MARGIN + row * (BOX_HEIGHT + ROW_GAP);
            boxes.put(node.id(), new Box(node.id(), x, y, node.kind(), node.title(), node.subtitle(), node.href()));
        }
        List<Line> lines = new ArrayList<>();
        for (Edge edge : edges) {
            Box from = boxes.get(edge.from());
            Box to = boxes.get(edge.to());
            if (from == null || to == null) {
                continue;
            }
            String path;
            int x1;
            int y1;
            int x2;
            int y2;
            if (downward) {
                x1 = from.x() + BOX_WIDTH / 2;
                y1 = from.y() + BOX_HEIGHT;
                x2 = to.x() + BOX_WIDTH / 2;
                y2 = to.y();
                int bend = Math.max(14, Math.abs(y2 - y1) / 2);
                path = "M" + x1 + "," + y1 + " C" + x1 + "," + (y1 + bend) + " " + x2 + "," + (y2 - bend) + " " + x2 + "," + y2;
            } else {
                x1 = from.x() + BOX_WIDTH;
                y1 = from.y() + BOX_HEIGHT / 2;
                x2 = to.x();
                y2 = to.y() + BOX_HEIGHT / 2;
                int bend = Math.max(30, Math.abs(x2 - x1) / 2);
                path = "M" + x1 + "," + y1 + " C" + (x1 + bend) + "," + y1 + " " + (x2 - bend) + "," + y2 + " " + x2 + "," + y2;
            }
            lines.add(new Line(edge.from(), edge.to(), path, edge.label() == null ? "" : edge.label(), (x1 + x2) / 2,
                    (y1 + y2) / 2 - 4));
        }
        int columns = maxColumn + 1;
        int rows = maxRow + 1;
        int width = downward ? 2 * MARGIN + rows * BOX_WIDTH + maxRow * ROW_GAP
                : 2 * MARGIN + columns * BOX_WIDTH + maxColumn * COLUMN_GAP;
        int height = nodes.isEmpty() ? 0 : downward ? 2 * MARGIN + columns * BOX_HEIGHT + maxColumn * LAYER_GAP
                : 2 * MARGIN + rows * BOX_HEIGHT + maxRow * ROW_GAP;
        return new GraphView(width, height, List.copyOf(boxes.values()), lines);
    }
}
