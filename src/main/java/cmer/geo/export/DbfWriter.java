package cmer.geo.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * dBASE III table (the shapefile's {@code .dbf}): little-endian header, 32-byte field descriptors, fixed-width
 * ASCII-padded records. Texts are UTF-8 (declared by the {@code .cpg}); a text longer than {@link #MAX_TEXT}
 * bytes is cut on a code-point boundary and a warning is collected. Written by hand: no permissively
 * licensed shapefile writer is on Maven Central (STACK.md).
 */
final class DbfWriter {
    /** The format's limit for one character field. */
    static final int MAX_TEXT = 254;
    static final int MAX_NAME = 10;

    /** A column: {@code type} 'C' (text) or 'N' (number), width in bytes, decimals for numbers. */
    record Field(String name, char type, int length, int decimals) {
        Field {
            if (name.isEmpty() || name.length() > MAX_NAME || !name.matches("[A-Za-z][A-Za-z0-9_]*"))
                throw new IllegalArgumentException("DBF field name must be 1-10 ASCII letters/digits/_: '" + name + "'");
            if (length < 1 || length > MAX_TEXT) throw new IllegalArgumentException("DBF field width out of range: " + length);
        }
    }

    private DbfWriter() { }

    /** Cuts {@code s} to at most {@code max} UTF-8 bytes without splitting a code point. */
    static byte[] utf8Prefix(String s, int max) {
        byte[] all = s.getBytes(StandardCharsets.UTF_8);
        if (all.length <= max) return all;
        int end = max;
        while (end > 0 && (all[end] & 0xC0) == 0x80) end--;   // all[end] is a continuation byte: back off to the start of its code point
        return Arrays.copyOf(all, end);
    }

    /**
     * Text fields get the width of their longest value (at least 1, at most 254 bytes).
     * {@code labels} name each record in warnings (e.g. "rank 3").
     */
    static List<Field> fitTextWidths(List<Field> fields, List<Object[]> records) {
        List<Field> out = new ArrayList<>();
        for (int f = 0; f < fields.size(); f++) {
            Field fd = fields.get(f);
            if (fd.type() != 'C') { out.add(fd); continue; }
            int w = 1;
            for (Object[] r : records) w = Math.max(w, Math.min(MAX_TEXT, String.valueOf(r[f]).getBytes(StandardCharsets.UTF_8).length));
            out.add(new Field(fd.name(), 'C', w, 0));
        }
        return out;
    }

    static void write(OutputStream out, List<Field> fields, List<Object[]> records, List<String> labels, List<String> warnings) throws IOException {
        int recordLength = 1 + fields.stream().mapToInt(Field::length).sum();
        int headerLength = 32 + 32 * fields.size() + 1;
        ByteBuffer h = ByteBuffer.allocate(headerLength).order(ByteOrder.LITTLE_ENDIAN);
        LocalDate today = LocalDate.now();
        h.put((byte) 0x03).put((byte) (today.getYear() - 1900)).put((byte) today.getMonthValue()).put((byte) today.getDayOfMonth());
        h.putInt(records.size()).putShort((short) headerLength).putShort((short) recordLength);
        h.position(32);
        for (Field f : fields) {
            byte[] name = Arrays.copyOf(f.name().getBytes(StandardCharsets.US_ASCII), 11);
            h.put(name).put((byte) f.type()).putInt(0).put((byte) f.length()).put((byte) f.decimals()).put(new byte[14]);
        }
        h.put((byte) 0x0D);
        out.write(h.array());
        byte[] rec = new byte[recordLength];
        for (int r = 0; r < records.size(); r++) {
            Arrays.fill(rec, (byte) ' ');
            int pos = 1;
            for (int f = 0; f < fields.size(); f++) {
                Field fd = fields.get(f);
                byte[] v = fd.type() == 'C' ? text(fd, records.get(r)[f], labels.get(r), warnings) : number(fd, records.get(r)[f]);
                int at = fd.type() == 'C' ? pos : pos + fd.length() - v.length;   // texts left-aligned, numbers right-aligned
                System.arraycopy(v, 0, rec, at, v.length);
                pos += fd.length();
            }
            out.write(rec);
        }
        out.write(0x1A);
    }

    private static byte[] text(Field f, Object value, String label, List<String> warnings) {
        String s = value == null ? "" : value.toString();
        byte[] b = utf8Prefix(s, f.length());
        int full = s.getBytes(StandardCharsets.UTF_8).length;
        if (b.length < full)
            warnings.add("shapefile: " + label + ": field '" + f.name() + "' cut from " + full + " to " + b.length
                    + " bytes (DBF limit " + MAX_TEXT + "); the GeoPackage, CSV and GeoJSON keep the full text");
        return b;
    }

    private static byte[] number(Field f, Object value) {
        String s = value == null ? "" : f.decimals() == 0 ? Long.toString(((Number) value).longValue())
                : String.format(Locale.ROOT, "%." + f.decimals() + "f", ((Number) value).doubleValue());
        if (s.length() > f.length()) throw new IllegalArgumentException("value " + s + " does not fit DBF field '" + f.name() + "' of width " + f.length());
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
