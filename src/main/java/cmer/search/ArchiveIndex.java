package cmer.search;

import cmer.core.AtomicFiles;
import cmer.core.CmerException;
import cmer.core.Configs;
import cmer.core.Footprint;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An image index on disk, written in chunks so an interrupted indexing run loses at most one chunk:
 * <pre>
 * index.json              header: format, model identity, dimension, scenes and their prompt embeddings
 * chunks/NNNNN.f32        embeddings of the chunk, n × d float32 little-endian (numpy: fromfile('&lt;f4').reshape(n, d))
 * chunks/NNNNN.scenes.f32 scene distributions, n × S float32 little-endian
 * chunks/NNNNN.jsonl      one {@link IndexEntry} per line, row order
 * thumbs/…                small JPEG thumbnails
 * manifest.json           the committed chunks and removed ids, rewritten (temp + rename) after each chunk
 * hnsw/                   Lucene HNSW graph, built for large indexes (see {@link VectorIndexes})
 * </pre>
 * A chunk counts only once the manifest names it, and the manifest is replaced atomically after the chunk's
 * files are complete, so a crash at any point leaves the index at its last commit. Later chunks supersede
 * earlier rows with the same id (a changed file is embedded again); {@code removed} drops ids whose file is gone.
 */
public final class ArchiveIndex {
    public static final String FORMAT = "cmer-index-1", HEADER = "index.json", MANIFEST = "manifest.json", CHUNKS = "chunks", THUMBS = "thumbs", HNSW = "hnsw";
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    /** The index header; {@code sceneEmbeddings} is S × d, each row the unit mean of the scene's prompt embeddings. */
    public record Header(String format, String modelIdentity, String model, String modelPath, int dim, float scale,
                         String source, List<String> scenes, float[][] sceneEmbeddings) { }

    /** One committed chunk and the ids that the run removed when it committed. */
    public record Chunk(String name, int count, List<String> removed) { }

    record Manifest(long version, List<Chunk> chunks) { }

    /** JSON form of an entry (Optional and Path do not map to JSON by themselves). */
    record Row(String id, String path, long size, long mtime, String label, String scene, String caption, Footprint footprint, String thumb) {
        static Row of(IndexEntry e) { return new Row(e.id(), e.path(), e.size(), e.mtime(), e.label(), e.scene(), e.caption(), e.footprint().orElse(null), e.thumb()); }

        IndexEntry entry() { return new IndexEntry(id, path, size, mtime, label, scene, caption, Optional.ofNullable(footprint), thumb); }
    }

    /** The live content: the last row of every id not removed, in first-indexed order. */
    public record Gallery(List<IndexEntry> entries, float[] rows, float[] sceneProbs, int dim, int scenes) {
        public int size() { return entries.size(); }

        public float[] sceneProbs(int i) { return java.util.Arrays.copyOfRange(sceneProbs, i * scenes, (i + 1) * scenes); }
    }

    private final Path dir;
    private final Header header;
    private Manifest manifest;

    private ArchiveIndex(Path dir, Header header, Manifest manifest) {
        this.dir = dir;
        this.header = header;
        this.manifest = manifest;
    }

    public static boolean exists(Path dir) { return Files.isRegularFile(dir.resolve(HEADER)); }

    /** Creates an empty index (the folder must not hold one). */
    public static ArchiveIndex create(Path dir, Header header) {
        try {
            Files.createDirectories(dir.resolve(CHUNKS));
            Files.createDirectories(dir.resolve(THUMBS));
            AtomicFiles.writeString(dir.resolve(HEADER), Configs.JSON.writeValueAsString(header));
            Manifest m = new Manifest(0, List.of());
            AtomicFiles.writeString(dir.resolve(MANIFEST), Configs.JSON.writeValueAsString(m));
            return new ArchiveIndex(dir, header, m);
        } catch (IOException e) {
            throw new CmerException("cannot create index " + dir + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    public static ArchiveIndex open(Path dir) {
        Path h = dir.resolve(HEADER), m = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(h) || !Files.isRegularFile(m))
            throw new CmerException(dir + ": not an index written by cmer index (no " + HEADER + " / " + MANIFEST + ")", CmerException.USAGE, null);
        try {
            Header header = Configs.JSON.readValue(h.toFile(), Header.class);
            if (!FORMAT.equals(header.format())) throw new CmerException(h + ": format '" + header.format() + "', this build reads " + FORMAT);
            return new ArchiveIndex(dir, header, Configs.JSON.readValue(m.toFile(), Manifest.class));
        } catch (IOException e) {
            throw new CmerException(dir + ": unreadable index header or manifest: " + e.getMessage(), CmerException.BAD_INPUT, e);
        }
    }

    public Path dir() { return dir; }

    public Header header() { return header; }

    public List<Chunk> chunks() { return manifest.chunks(); }

    /** Increases with every commit: what derived files (the HNSW graph) compare against. */
    public long version() { return manifest.version(); }

    /** Writes one chunk (entries, their embeddings and scene distributions) and commits it with the manifest. */
    public synchronized void commit(List<IndexEntry> entries, float[][] embeddings, float[][] sceneProbs, List<String> removed) {
        commitChunk(manifest.chunks(), entries, embeddings, sceneProbs, removed);
    }

    /** Writes one chunk and commits a manifest of {@code kept} followed by it (compaction keeps none). */
    private void commitChunk(List<Chunk> kept, List<IndexEntry> entries, float[][] embeddings, float[][] sceneProbs, List<String> removed) {
        if (entries.size() != embeddings.length || entries.size() != sceneProbs.length) throw new IllegalArgumentException("chunk arrays differ in length");
        String name = String.format(Locale.ROOT, "%05d", manifest.version());          // versions never repeat, chunk counts do after compact()
        Path c = dir.resolve(CHUNKS);
        try {
            Files.createDirectories(c);
            writeFloats(c.resolve(name + ".f32"), embeddings, header.dim());
            writeFloats(c.resolve(name + ".scenes.f32"), sceneProbs, header.scenes().size());
            StringBuilder b = new StringBuilder();
            for (IndexEntry e : entries) b.append(JSON.writeValueAsString(Row.of(e))).append('\n');
            AtomicFiles.writeString(c.resolve(name + ".jsonl"), b.toString());
            List<Chunk> chunks = new ArrayList<>(kept);
            chunks.add(new Chunk(name, entries.size(), List.copyOf(removed)));
            Manifest next = new Manifest(manifest.version() + 1, chunks);
            AtomicFiles.writeString(dir.resolve(MANIFEST), Configs.JSON.writeValueAsString(next));   // the commit point
            manifest = next;
        } catch (IOException e) {
            throw new CmerException("cannot write chunk " + name + " of index " + dir + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    /** Rows stored in the committed chunks, superseded and removed ones included. */
    public long storedRows() { return manifest.chunks().stream().mapToLong(Chunk::count).sum(); }

    /**
     * Rewrites the live rows as one chunk, in the same order (gallery ordinals, and so an HNSW graph built on them,
     * stay the same), commits it, then deletes every chunk file and thumbnail the new manifest does not name.
     * A crash before the manifest is replaced leaves the old commit; after it, only unreferenced files remain,
     * which the next compaction deletes. Returns the number of rows dropped.
     */
    public synchronized long compact() { return compact(read()); }

    /** Same, with the live rows already read: {@code g} must be {@link #read()} of the current commit. */
    synchronized long compact(Gallery g) {
        long dropped = storedRows() - g.size();
        int d = g.dim(), s = g.scenes();
        float[][] e = new float[g.size()][], p = new float[g.size()][];
        for (int i = 0; i < g.size(); i++) {
            e[i] = java.util.Arrays.copyOfRange(g.rows(), i * d, (i + 1) * d);
            p[i] = java.util.Arrays.copyOfRange(g.sceneProbs(), i * s, (i + 1) * s);
        }
        commitChunk(List.of(), g.entries(), e, p, List.of());
        Set<String> keep = new HashSet<>();
        for (Chunk c : manifest.chunks()) keep.addAll(List.of(c.name() + ".f32", c.name() + ".scenes.f32", c.name() + ".jsonl"));
        Set<String> thumbs = new HashSet<>();
        for (IndexEntry x : g.entries()) if (x.thumb() != null) thumbs.add(dir.resolve(x.thumb()).normalize().toString());
        deleteUnlisted(dir.resolve(CHUNKS), f -> keep.contains(f.getFileName().toString()));
        deleteUnlisted(dir.resolve(THUMBS), f -> thumbs.contains(f.normalize().toString()));
        return dropped;
    }

    private static void deleteUnlisted(Path folder, java.util.function.Predicate<Path> keep) {
        if (!Files.isDirectory(folder)) return;
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).filter(keep.negate()).toList()) Files.deleteIfExists(f);
        } catch (IOException ex) {
            throw new CmerException("cannot clean " + folder + " after compacting: " + ex.getMessage(), CmerException.IO, ex);
        }
    }

    /** Reads every committed chunk and resolves superseded and removed ids. */
    public Gallery read() {
        int d = header.dim(), s = header.scenes().size();
        Map<String, Integer> slot = new LinkedHashMap<>();
        List<IndexEntry> entries = new ArrayList<>();
        List<float[]> emb = new ArrayList<>(), probs = new ArrayList<>();
        for (Chunk ch : manifest.chunks()) {
            Path base = dir.resolve(CHUNKS).resolve(ch.name());
            float[][] e = readFloats(base.resolveSibling(ch.name() + ".f32"), ch.count(), d);
            float[][] p = readFloats(base.resolveSibling(ch.name() + ".scenes.f32"), ch.count(), s);
            List<IndexEntry> rows = readRows(base.resolveSibling(ch.name() + ".jsonl"), ch.count());
            for (int i = 0; i < rows.size(); i++) {
                Integer at = slot.get(rows.get(i).id());
                if (at == null) {
                    slot.put(rows.get(i).id(), entries.size());
                    entries.add(rows.get(i));
                    emb.add(e[i]);
                    probs.add(p[i]);
                } else {
                    entries.set(at, rows.get(i));
                    emb.set(at, e[i]);
                    probs.set(at, p[i]);
                }
            }
            for (String gone : ch.removed()) {
                Integer at = slot.get(gone);
                if (at != null) entries.set(at, null);
            }
        }
        List<IndexEntry> live = new ArrayList<>();
        float[] rows = new float[entries.size() * d], sp = new float[entries.size() * s];
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) == null) continue;
            System.arraycopy(emb.get(i), 0, rows, live.size() * d, d);
            System.arraycopy(probs.get(i), 0, sp, live.size() * s, s);
            live.add(entries.get(i));
        }
        return new Gallery(List.copyOf(live), java.util.Arrays.copyOf(rows, live.size() * d), java.util.Arrays.copyOf(sp, live.size() * s), d, s);
    }

    private static void writeFloats(Path file, float[][] rows, int width) throws IOException {
        AtomicFiles.write(file, out -> {
            ByteBuffer buf = ByteBuffer.allocate(width * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] r : rows) {
                if (r.length != width) throw new IOException(file + ": row of " + r.length + " floats, expected " + width);
                buf.clear();
                buf.asFloatBuffer().put(r);
                out.write(buf.array());
            }
        });
    }

    private static float[][] readFloats(Path file, int n, int width) {
        try {
            long expected = (long) n * width * Float.BYTES;
            if (!Files.isRegularFile(file) || Files.size(file) != expected)
                throw new CmerException(file + ": expected " + expected + " bytes (" + n + " × " + width + " float32), found "
                        + (Files.isRegularFile(file) ? Files.size(file) + " bytes" : "no file"), CmerException.BAD_INPUT, null);
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            float[][] out = new float[n][width];
            for (int i = 0; i < n; i++) b.position(i * width * Float.BYTES).asFloatBuffer().get(out[i]);
            return out;
        } catch (IOException e) {
            throw new CmerException("cannot read " + file + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    private static List<IndexEntry> readRows(Path file, int n) {
        List<IndexEntry> out = new ArrayList<>(n);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) continue;
                try {
                    out.add(JSON.readValue(line, Row.class).entry());
                } catch (IOException e) {
                    throw new CmerException(file + ":" + no + ": not an index entry: " + e.getMessage(), CmerException.BAD_INPUT, e);
                }
            }
        } catch (IOException e) {
            throw new CmerException("cannot read " + file + ": " + e.getMessage(), CmerException.IO, e);
        }
        if (out.size() != n) throw new CmerException(file + ": " + out.size() + " entries, the manifest says " + n, CmerException.BAD_INPUT, null);
        return out;
    }
}
