package cmer.search;

import cmer.core.AtomicFiles;
import cmer.core.CmerException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An index folder on disk: {@code embeddings.f32} (n × d float32, little-endian, row-major, no header, so
 * numpy's {@code fromfile(..., '<f4').reshape(n, d)} reads it), {@code ids.txt} (UTF-8, one id per line,
 * row order) and {@code index.properties} (dim, count). Written into a temporary sibling folder and renamed
 * into place, so a reader sees the old folder or the new one, never a mix.
 */
public final class EmbeddingStore {
    public static final String EMBEDDINGS = "embeddings.f32", IDS = "ids.txt", META = "index.properties";

    private EmbeddingStore() { }

    /** Rows and ids as read back: {@code rows} is {@code float[ids.size() * dim]}. */
    public record Stored(List<String> ids, float[] rows, int dim) {
        public ExactIndex toExactIndex(int threads) { return ExactIndex.wrap(ids, rows, dim, threads); }
    }

    /** Writes the first {@code ids.size()} rows of {@code rows} to {@code folder}, replacing it atomically. */
    public static void write(Path folder, List<String> ids, float[] rows, int dim) throws IOException {
        for (String id : ids)
            if (id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) throw new CmerException("id must not contain a line break: '" + id.strip() + "'");
        Path target = folder.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp.resolve(EMBEDDINGS)), 1 << 20)) {
                ByteBuffer buf = ByteBuffer.allocate(dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (int r = 0; r < ids.size(); r++) {
                    buf.clear();
                    buf.asFloatBuffer().put(rows, r * dim, dim);
                    out.write(buf.array());
                }
            }
            Files.write(tmp.resolve(IDS), ids, StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve(META), "format=cmer-embeddings-1\ndim=" + dim + "\ncount=" + ids.size() + "\n");
            if (Files.exists(target)) {
                Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old.");
                Files.delete(old);
                Files.move(target, old);          // two renames: the target is missing only between them
                AtomicFiles.move(tmp, target);
                deleteTree(old);
            } else {
                AtomicFiles.move(tmp, target);
            }
        } finally {
            if (Files.exists(tmp)) deleteTree(tmp);
        }
    }

    public static Stored read(Path folder) throws IOException {
        Path meta = folder.resolve(META), emb = folder.resolve(EMBEDDINGS), idFile = folder.resolve(IDS);
        for (Path p : List.of(meta, emb, idFile))
            if (!Files.isRegularFile(p)) throw new CmerException(p + ": missing; expected an index folder written by cmer (" + META + ", " + EMBEDDINGS + ", " + IDS + ")");
        var props = new java.util.Properties();
        try (InputStream in = Files.newInputStream(meta)) { props.load(in); }
        int dim = intProp(props, "dim", meta);
        int count = intProp(props, "count", meta);
        List<String> ids = Files.readAllLines(idFile, StandardCharsets.UTF_8);
        if (ids.size() != count) throw new CmerException(idFile + ": " + ids.size() + " ids, but " + meta + " says count=" + count);
        long expected = (long) count * dim * Float.BYTES;
        if (Files.size(emb) != expected)
            throw new CmerException(emb + ": " + Files.size(emb) + " bytes, expected " + expected + " (" + count + " × " + dim + " float32)");
        float[] rows = new float[count * dim];
        try (InputStream in = Files.newInputStream(emb)) {
            byte[] b = new byte[dim * Float.BYTES];
            for (int r = 0; r < count; r++) {
                in.readNBytes(b, 0, b.length);
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(rows, r * dim, dim);
            }
        }
        return new Stored(ids, rows, dim);
    }

    private static int intProp(java.util.Properties p, String key, Path file) {
        try {
            int v = Integer.parseInt(p.getProperty(key, "").strip());
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new CmerException(file + ": '" + key + "' must be a non-negative integer, found '" + p.getProperty(key) + "'");
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }
}
