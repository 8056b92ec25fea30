package cmer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import cmer.core.AtomicFiles;
import cmer.core.CmerException;
import cmer.core.Configs;
import cmer.core.TrainConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a run needs to continue exactly: trainable parameters, AdamW moments and step count, both
 * negative queues, step, epoch, best validation mR, the seed (all randomness is derived from seed and
 * step, see {@link cmer.core.Seeds}) and the config.
 *
 * <p>One safetensors file (F32 and I64 tensors, scalars in {@code __metadata__}): readable by Python's
 * {@code safetensors} for inspection, never unpickled, written atomically (temp + rename). Written by
 * this class rather than {@code NDList.encode(SAFETENSORS)} because that cannot carry metadata or I64
 * ids and needs every tensor on the engine first. Tensor names: {@code param/<name>},
 * {@code adam.m/<name>}, {@code adam.v/<name>}, {@code queue.image.emb|ids}, {@code queue.text.emb|ids}.
 */
public record Checkpoint(TrainConfig config, long step, int epoch, double bestMr, Map<String, F32> params,
                         AdamW.State optimizer, NegativeQueue.State imageQueue, NegativeQueue.State textQueue) {
    static final String FORMAT = "cmer-checkpoint", VERSION = "1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A row-major float tensor off the engine. */
    public record F32(long[] shape, float[] data) {
        public static F32 of(NDArray a) { return new F32(a.getShape().getShape(), a.toType(DataType.FLOAT32, false).toFloatArray()); }

        public NDArray toNDArray(NDManager m) { return cmer.nn.Nn.owned(m.create(data, new Shape(shape))); }
    }

    /** Snapshot of a live run (copies every tensor to the Java heap: one device→host transfer per tensor). */
    public static Checkpoint capture(TrainConfig config, long step, int epoch, double bestMr, Map<String, Parameter> trainable,
                                     AdamW optimizer, NegativeQueue imageQueue, NegativeQueue textQueue) {
        Map<String, F32> params = new LinkedHashMap<>();
        trainable.forEach((k, p) -> params.put(k, F32.of(p.getArray())));
        return new Checkpoint(config, step, epoch, bestMr, params, optimizer.state(), imageQueue.state(), textQueue.state());
    }

    /**
     * Copies the saved values into the live trainable parameters. Names and shapes must match exactly
     * both ways, so a checkpoint of another method or model cannot half-load.
     */
    public void restoreParameters(Map<String, Parameter> trainable) {
        if (!trainable.keySet().equals(params.keySet())) {
            var missing = new java.util.TreeSet<>(trainable.keySet());
            missing.removeAll(params.keySet());
            var extra = new java.util.TreeSet<>(params.keySet());
            extra.removeAll(trainable.keySet());
            throw new CmerException("checkpoint does not fit this model: missing parameters " + missing + ", unexpected " + extra);
        }
        trainable.forEach((k, p) -> {
            F32 f = params.get(k);
            Shape want = p.getArray().getShape();
            if (!new Shape(f.shape()).equals(want)) throw new CmerException("checkpoint parameter '" + k + "' has shape " + new Shape(f.shape()) + ", the model expects " + want);
            p.getArray().set(f.data());
        });
    }

    public void write(Path file) throws IOException {
        Map<String, Object> tensors = new LinkedHashMap<>();      // name → F32 or long[] (I64, 1-D)
        params.forEach((k, t) -> tensors.put("param/" + k, t));
        optimizer.m().forEach((k, t) -> tensors.put("adam.m/" + k, t));
        optimizer.v().forEach((k, t) -> tensors.put("adam.v/" + k, t));
        putQueue(tensors, "image", imageQueue);
        putQueue(tensors, "text", textQueue);

        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        meta.put("format", FORMAT).put("version", VERSION).put("config", Configs.JSON.writeValueAsString(config))
                .put("step", "" + step).put("epoch", "" + epoch).put("best_mr", "" + bestMr).put("seed", "" + config.seed())
                .put("rng", "derived from (seed, step) by cmer.core.Seeds; nothing else to restore")
                .put("adam.step", "" + optimizer.step());
        for (var q : Map.of("image", imageQueue, "text", textQueue).entrySet()) {
            meta.put("queue." + q.getKey() + ".write_pos", "" + q.getValue().writePos()).put("queue." + q.getKey() + ".count", "" + q.getValue().count());
        }
        long offset = 0;
        for (var e : tensors.entrySet()) {
            boolean f = e.getValue() instanceof F32;
            long[] shape = f ? ((F32) e.getValue()).shape() : new long[] {((long[]) e.getValue()).length};
            long bytes = (f ? 4 : 8) * Arrays.stream(shape).reduce(1, Math::multiplyExact);
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", f ? "F32" : "I64");
            shape(t, shape);
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] h = JSON.writeValueAsBytes(header);
        int padded = (h.length + 7) / 8 * 8;                      // safetensors recommends 8-byte alignment
        byte[] hp = Arrays.copyOf(h, padded);
        Arrays.fill(hp, h.length, padded, (byte) ' ');
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(hp);
            for (var e : tensors.entrySet()) {
                if (e.getValue() instanceof F32 t) {
                    long n = Arrays.stream(t.shape()).reduce(1, Math::multiplyExact);
                    if (n != t.data().length) throw new IOException("tensor " + e.getKey() + ": shape " + Arrays.toString(t.shape()) + " but " + t.data().length + " values");
                    ByteBuffer b = ByteBuffer.allocate(t.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    b.asFloatBuffer().put(t.data());
                    out.write(b.array());
                } else {
                    long[] ids = (long[]) e.getValue();
                    ByteBuffer b = ByteBuffer.allocate(ids.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                    b.asLongBuffer().put(ids);
                    out.write(b.array());
                }
            }
        });
    }

    public static Checkpoint read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer len = read(ch, 0, 8, file, "header length");
            long n = len.order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n <= 0 || n > Math.min(size - 8, 100_000_000)) throw bad(file, "header length " + n + " does not fit a file of " + size + " bytes");
            JsonNode header = JSON.readTree(new String(read(ch, 8, (int) n, file, "header").array(), StandardCharsets.UTF_8));
            JsonNode meta = header.path("__metadata__");
            if (!FORMAT.equals(meta.path("format").asText())) throw bad(file, "not a CMER checkpoint (metadata format '" + meta.path("format").asText() + "')");
            if (!VERSION.equals(meta.path("version").asText())) throw bad(file, "checkpoint version " + meta.path("version").asText() + ", this build reads " + VERSION);
            long base = 8 + n;
            Map<String, F32> params = new LinkedHashMap<>(), m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
            Map<String, Object> other = new LinkedHashMap<>();
            for (var it = header.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().equals("__metadata__")) continue;
                Object t = tensor(ch, base, size, e.getKey(), e.getValue(), file);
                String k = e.getKey();
                if (k.startsWith("param/")) params.put(k.substring(6), (F32) t);
                else if (k.startsWith("adam.m/")) m.put(k.substring(7), (F32) t);
                else if (k.startsWith("adam.v/")) v.put(k.substring(7), (F32) t);
                else other.put(k, t);
            }
            TrainConfig cfg = Configs.JSON.readValue(meta.path("config").asText(), TrainConfig.class);
            return new Checkpoint(cfg, longMeta(meta, "step", file), (int) longMeta(meta, "epoch", file),
                    Double.parseDouble(meta.path("best_mr").asText("NaN")), params,
                    new AdamW.State(longMeta(meta, "adam.step", file), m, v),
                    queue(other, meta, "image", file), queue(other, meta, "text", file));
        } catch (IOException | RuntimeException e) {
            if (e instanceof CmerException c) throw c;
            throw new CmerException("cannot read checkpoint " + file + ": " + e.getMessage(), CmerException.BAD_INPUT, e);
        }
    }

    private static void putQueue(Map<String, Object> tensors, String name, NegativeQueue.State q) {
        tensors.put("queue." + name + ".emb", new F32(new long[] {q.capacity(), q.dim()}, q.data()));
        tensors.put("queue." + name + ".ids", q.ids());
    }

    private static NegativeQueue.State queue(Map<String, Object> t, JsonNode meta, String name, Path file) {
        Object emb = t.get("queue." + name + ".emb"), ids = t.get("queue." + name + ".ids");
        if (!(emb instanceof F32 e) || e.shape().length != 2 || !(ids instanceof long[] i)) throw bad(file, "missing or malformed tensors queue." + name + ".emb/.ids");
        return new NegativeQueue.State((int) e.shape()[0], (int) e.shape()[1], e.data(), i,
                (int) longMeta(meta, "queue." + name + ".write_pos", file), (int) longMeta(meta, "queue." + name + ".count", file));
    }

    private static Object tensor(FileChannel ch, long base, long size, String name, JsonNode t, Path file) throws IOException {
        String dtype = t.path("dtype").asText();
        long[] shape = new long[t.path("shape").size()];
        for (int i = 0; i < shape.length; i++) shape[i] = t.path("shape").get(i).asLong();
        long begin = t.path("data_offsets").path(0).asLong(-1), end = t.path("data_offsets").path(1).asLong(-1);
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        int width = dtype.equals("F32") ? 4 : dtype.equals("I64") ? 8 : -1;
        if (width < 0) throw bad(file, "tensor " + name + " has dtype " + dtype + ", expected F32 or I64");
        if (begin < 0 || end - begin != count * width || base + end > size) {
            throw bad(file, "tensor " + name + " " + Arrays.toString(shape) + " " + dtype + " has data_offsets [" + begin + ", " + end + "] in a file of " + size + " bytes (truncated?)");
        }
        ByteBuffer b = read(ch, base + begin, (int) (end - begin), file, name).order(ByteOrder.LITTLE_ENDIAN);
        if (width == 4) {
            float[] f = new float[(int) count];
            b.asFloatBuffer().get(f);
            return new F32(shape, f);
        }
        long[] l = new long[(int) count];
        b.asLongBuffer().get(l);
        return l;
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n, Path file, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) if (ch.read(b, pos + b.position()) < 0) throw bad(file, "ends inside " + what + " (truncated)");
        return b.flip();
    }

    private static long longMeta(JsonNode meta, String key, Path file) {
        try {
            return Long.parseLong(meta.path(key).asText());
        } catch (NumberFormatException e) {
            throw bad(file, "metadata '" + key + "' is missing or not a number");
        }
    }

    private static void shape(ObjectNode t, long[] shape) {
        var a = t.putArray("shape");
        for (long s : shape) a.add(s);
    }

    private static CmerException bad(Path file, String what) { return new CmerException("checkpoint " + file + ": " + what); }
}
