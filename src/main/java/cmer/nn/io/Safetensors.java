package cmer.nn.io;

import cmer.core.CmerException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the safetensors format: an 8-byte little-endian header length, a JSON header
 * ({@code name → {dtype, shape, data_offsets}} plus an optional {@code __metadata__} map of strings), then raw
 * little-endian data. Written here rather than through DJL's {@code NDList.decode} because that path creates
 * NDArrays of the stored type, and a BF16 NDArray aborts the JVM; here every byte is checked against the file
 * before it is read and converted to float32 in Java.
 */
public final class Safetensors {
    /** Header size limit, as in the reference implementation (100 MB). */
    static final long MAX_HEADER = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Safetensors() { }

    /** One header entry: where the tensor's bytes lie, relative to the start of the data section. */
    record Entry(TensorInfo info, long begin, long end) { }

    /** The parsed, validated header. */
    record Header(Path file, long dataStart, List<Entry> entries, Map<String, String> metadata) { }

    /** Names, dtypes and shapes only: reads the header, not the data. */
    public static StateDictInfo info(Path file) {
        Header h = header(file);
        return new StateDictInfo(file, "safetensors", h.entries().stream().map(Entry::info).toList(), h.metadata(), List.of());
    }

    /** Every tensor, converted to float32 (and kept exact as long[] for integer types). */
    public static StateDict read(Path file) {
        Header h = header(file);
        Map<String, Tensor> out = new LinkedHashMap<>();
        readInto(h, out);
        return new StateDict(file, "safetensors", out, h.metadata(), List.of());
    }

    static void readInto(Header h, Map<String, Tensor> out) {
        try (FileChannel ch = FileChannel.open(h.file(), StandardOpenOption.READ)) {
            for (Entry e : h.entries()) {
                long n = e.end() - e.begin();
                if (n > Integer.MAX_VALUE - 8)
                    throw new CmerException(h.file() + ": tensor '" + e.info().name() + "' has " + n + " bytes; at most 2 GiB per tensor is supported");
                ByteBuffer b = ByteBuffer.allocate((int) n).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, b, h.dataStart() + e.begin(), h.file());
                out.put(e.info().name(), Tensors.decode(e.info(), b));
            }
        } catch (IOException ex) {
            throw new CmerException(h.file() + ": cannot read: " + ex.getMessage(), CmerException.IO, ex);
        }
    }

    static Header header(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw new CmerException(file + ": not a safetensors file: " + size + " bytes, expected at least 8 (header length)");
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0, file);
            long n = len.getLong(0);
            if (n < 2 || n > MAX_HEADER || n > size - 8)
                throw new CmerException(file + ": safetensors header length " + Long.toUnsignedString(n) + " is impossible: the file has "
                        + size + " bytes and the header limit is " + MAX_HEADER);
            ByteBuffer hb = ByteBuffer.allocate((int) n);
            readFully(ch, hb, 8, file);
            return parse(file, new String(hb.array(), StandardCharsets.UTF_8), 8 + n, size);
        } catch (IOException e) {
            throw new CmerException(file + ": cannot read: " + e.getMessage(), CmerException.IO, e);
        }
    }

    private static Header parse(Path file, String json, long dataStart, long fileSize) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CmerException(file + ": safetensors header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new CmerException(file + ": safetensors header is not a JSON object");
        long dataSize = fileSize - dataStart;
        Map<String, String> meta = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (name.equals("__metadata__")) {
                if (!v.isObject()) throw new CmerException(file + ": __metadata__ must be a map of strings");
                v.fields().forEachRemaining(m -> {
                    if (!m.getValue().isTextual()) throw new CmerException(file + ": __metadata__ value '" + m.getKey() + "' is not a string");
                    meta.put(m.getKey(), m.getValue().asText());
                });
                continue;
            }
            entries.add(entry(file, name, v, dataSize, fileSize, dataStart));
        }
        entries.sort(Comparator.comparingLong(Entry::begin));
        for (int i = 1; i < entries.size(); i++) {
            Entry a = entries.get(i - 1), b = entries.get(i);
            if (b.begin() < a.end())
                throw new CmerException(file + ": tensors '" + a.info().name() + "' and '" + b.info().name() + "' overlap (bytes "
                        + a.begin() + ".." + a.end() + " and " + b.begin() + ".." + b.end() + ")");
        }
        return new Header(file, dataStart, entries, meta);
    }

    private static Entry entry(Path file, String name, JsonNode v, long dataSize, long fileSize, long dataStart) {
        String where = file + ": tensor '" + name + "'";
        if (!v.isObject()) throw new CmerException(where + ": header entry is not an object");
        DType dt = DType.ofSafetensors(v.path("dtype").asText(""));
        if (dt == null) throw new CmerException(where + ": dtype " + v.get("dtype") + " is not supported (F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)");
        JsonNode s = v.get("shape"), o = v.get("data_offsets");
        if (s == null || !s.isArray()) throw new CmerException(where + ": missing shape array");
        if (o == null || !o.isArray() || o.size() != 2 || !o.get(0).canConvertToLong() || !o.get(1).canConvertToLong()
                || !o.get(0).isIntegralNumber() || !o.get(1).isIntegralNumber())
            throw new CmerException(where + ": data_offsets must be [begin, end]");
        long[] shape = new long[s.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = s.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0)
                throw new CmerException(where + ": shape " + s + " holds a value that is not a non-negative integer");
            shape[i] = d.asLong();
        }
        long begin = o.get(0).asLong(), end = o.get(1).asLong();
        TensorInfo info = new TensorInfo(name, dt, shape);
        long expected;
        try {
            expected = Math.multiplyExact(info.numel(), dt.bytes());
        } catch (ArithmeticException e) {
            throw new CmerException(where + ": shape " + s + " is too large");
        }
        if (begin < 0 || end < begin) throw new CmerException(where + ": data_offsets [" + begin + ", " + end + "] are not increasing");
        if (end > dataSize)
            throw new CmerException(where + ": header says it ends at byte " + (dataStart + end) + " but the file has " + fileSize
                    + " bytes (truncated?)");
        if (end - begin != expected)
            throw new CmerException(where + ": " + dt.name() + " " + info.shapeString() + " needs " + expected + " bytes but data_offsets span "
                    + (end - begin));
        return new Entry(info, begin, end);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos, Path file) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) throw new CmerException(file + ": file ended at byte " + (pos + b.position()) + " (truncated?)");
        }
        b.flip();
    }
}
