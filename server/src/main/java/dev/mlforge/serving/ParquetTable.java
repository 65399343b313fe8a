package dev.mlforge.serving;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.MilliSeconds;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.StringType;
import org.apache.parquet.format.TimeUnit;
import org.apache.parquet.format.TimestampType;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;

/**
 * Writes a flat table as one Parquet file: one row group, one uncompressed PLAIN data page per column, optional
 * columns with RLE definition levels. Only the footer structures come from parquet-format (its Thrift is shaded);
 * parquet-hadoop's writer was not used because it needs Hadoop's classes at run time.
 */
final class ParquetTable {
    /** The column types the prediction log needs. */
    enum Kind { STRING, TIMESTAMP_MILLIS, DOUBLE, BOOLEAN }

    /** One column: its values in row order ({@code String}, {@code Long}, {@code Double}, {@code Boolean}; null when optional). */
    record Column(String name, Kind kind, boolean optional, List<?> values) {}

    private ParquetTable() {}

    static void write(OutputStream target, List<Column> columns, int rows) throws IOException {
        Counting out = new Counting(target);
        out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
        List<ColumnChunk> chunks = new ArrayList<>();
        long total = 0;
        for (Column column : columns) {
            byte[] body = page(column, rows);
            PageHeader header = new PageHeader(PageType.DATA_PAGE, body.length, body.length);
            header.setData_page_header(new DataPageHeader(rows, Encoding.PLAIN, Encoding.RLE, Encoding.RLE));
            long offset = out.count;
            Util.writePageHeader(header, out);
            out.write(body);
            long size = out.count - offset;
            total += size;
            ColumnChunk chunk = new ColumnChunk(offset);
            chunk.setMeta_data(new ColumnMetaData(type(column.kind()), List.of(Encoding.PLAIN, Encoding.RLE),
                    List.of(column.name()), CompressionCodec.UNCOMPRESSED, rows, size, size, offset));
            chunks.add(chunk);
        }
        FileMetaData footer = new FileMetaData(1, schema(columns), rows,
                rows == 0 ? List.of() : List.of(new RowGroup(chunks, total, rows)));
        footer.setCreated_by("mlforge");
        long start = out.count;
        Util.writeFileMetaData(footer, out);
        writeIntLe(out, (int) (out.count - start));
        out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static List<SchemaElement> schema(List<Column> columns) {
        List<SchemaElement> schema = new ArrayList<>();
        SchemaElement root = new SchemaElement("schema");
        root.setNum_children(columns.size());
        schema.add(root);
        for (Column column : columns) {
            SchemaElement leaf = new SchemaElement(column.name());
            leaf.setType(type(column.kind()));
            leaf.setRepetition_type(column.optional() ? FieldRepetitionType.OPTIONAL : FieldRepetitionType.REQUIRED);
            if (column.kind() == Kind.STRING) {
                leaf.setConverted_type(ConvertedType.UTF8);
                leaf.setLogicalType(LogicalType.STRING(new StringType()));
            } else if (column.kind() == Kind.TIMESTAMP_MILLIS) {
                leaf.setConverted_type(ConvertedType.TIMESTAMP_MILLIS);
                leaf.setLogicalType(LogicalType.TIMESTAMP(new TimestampType(true, TimeUnit.MILLIS(new MilliSeconds()))));
            }
            schema.add(leaf);
        }
        return schema;
    }

    private static Type type(Kind kind) {
        return switch (kind) {
            case STRING -> Type.BYTE_ARRAY;
            case TIMESTAMP_MILLIS -> Type.INT64;
            case DOUBLE -> Type.DOUBLE;
            case BOOLEAN -> Type.BOOLEAN;
        };
    }

    /** Definition levels (optional columns), then the present values PLAIN-encoded. */
    private static byte[] page(Column column, int rows) throws IOException {
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        if (column.optional()) {
            byte[] levels = definitionLevels(column.values());
            writeIntLe(page, levels.length);
            page.write(levels);
        }
        List<Boolean> booleans = new ArrayList<>();
        for (Object value : column.values()) {
            if (value == null) {
                continue;
            }
            switch (column.kind()) {
                case STRING -> {
                    byte[] bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
                    writeIntLe(page, bytes.length);
                    page.write(bytes);
                }
                case TIMESTAMP_MILLIS -> writeLongLe(page, (Long) value);
                case DOUBLE -> writeLongLe(page, Double.doubleToLongBits((Double) value));
                case BOOLEAN -> booleans.add((Boolean) value);
            }
        }
        byte[] bits = new byte[(booleans.size() + 7) / 8];
        for (int i = 0; i < booleans.size(); i++) {
            if (booleans.get(i)) {
                bits[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        page.write(bits);
        return page.toByteArray();
    }

    /** Bit width 1 levels as RLE runs of the hybrid encoding: a ULEB128 header {@code count << 1}, then the level byte. */
    private static byte[] definitionLevels(List<?> values) {
        ByteArrayOutputStream levels = new ByteArrayOutputStream();
        int i = 0;
        while (i < values.size()) {
            boolean present = values.get(i) != null;
            int run = 0;
            while (i < values.size() && (values.get(i) != null) == present) {
                run++;
                i++;
            }
            long header = (long) run << 1;
            while ((header & ~0x7FL) != 0) {
                levels.write((int) (header & 0x7F) | 0x80);
                header >>>= 7;
            }
            levels.write((int) header);
            levels.write(present ? 1 : 0);
        }
        return levels.toByteArray();
    }

    private static void writeIntLe(OutputStream out, int value) throws IOException {
        out.write(value & 0xFF);
        out.write(value >>> 8 & 0xFF);
        out.write(value >>> 16 & 0xFF);
        out.write(value >>> 24 & 0xFF);
    }

    private static void writeLongLe(OutputStream out, long value) throws IOException {
        for (int shift = 0; shift < 64; shift += 8) {
            out.write((int) (value >>> shift) & 0xFF);
        }
    }

    /** Counts the bytes written: page and footer offsets are file positions. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }
}
