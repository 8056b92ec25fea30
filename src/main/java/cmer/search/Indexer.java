package cmer.search;

import cmer.core.CmerException;
import cmer.core.ProgressListener;
import cmer.core.TrainConfig;
import cmer.data.Dataset;
import cmer.data.Datasets;
import cmer.data.ImageLoader;
import cmer.data.ImageRecord;
import cmer.data.ModelInput;
import cmer.geo.GeoReferencing;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * {@code cmer index}: embeds the images of a folder or dataset into an {@link ArchiveIndex}. Only new files and
 * files whose size or modification time changed are embedded; ids whose file is gone are removed. Work is
 * committed every {@code chunk} images, so an interrupted run continues where it stopped. While the model
 * thread embeds one batch, this thread decodes and resizes the next.
 */
public final class Indexer {
    /**
     * @param images  image folder or dataset (any format cmer.data reads)
     * @param out     index folder
     * @param batch   images per forward pass
     * @param chunk   images per commit
     * @param scenes  scene names for the scene distributions; null = the dataset's labels, else {@link SceneSet#DEFAULT}
     * @param prompts scene prompt templates
     * @param thumb   longest side of thumbnails in pixels
     */
    public record Options(Path images, Path out, int batch, int chunk, List<String> scenes, TrainConfig.Scene prompts, int thumb) {
        public Options {
            if (batch < 1 || chunk < 1 || thumb < 8) throw new CmerException("batch and chunk must be >= 1, thumbnails >= 8 px", CmerException.USAGE, null);
            if (prompts == null) prompts = TrainConfig.Scene.DEFAULTS;
        }

        public static Options of(Path images, Path out) { return new Options(images, out, 16, 256, null, null, 128); }
    }

    /** What a run did; {@code imagesPerSecond} counts embedded images over the run's wall time. */
    public record Report(int total, int embedded, int unchanged, int removed, long compacted, List<String> failed, double seconds, double imagesPerSecond) { }

    /**
     * Superseded and removed rows stay on disk until they exceed this share of the live rows; then the index is
     * rewritten as one chunk ({@link ArchiveIndex#compact}). 0.25: a folder re-indexed after a quarter of its
     * files changed costs one rewrite (a few seconds per 100k rows), not one per run.
     */
    static final double COMPACT_AT = 0.25;

    private Indexer() { }

    public static Report run(Embedder emb, Options o, ProgressListener progress) {
        long t0 = System.nanoTime();
        Path src = o.images().toAbsolutePath().normalize();
        Dataset ds = Datasets.open(src, new GeoReferencing());
        List<ImageRecord> images = ds.images().stream().filter(r -> Files.isRegularFile(r.path())).toList();
        ArchiveIndex idx = openOrCreate(emb, o, src, ds);
        SceneSet scenes = new SceneSet(idx.header().scenes(), idx.header().sceneEmbeddings(), idx.header().scale());
        Map<String, IndexEntry> known = new HashMap<>();
        idx.read().entries().forEach(e -> known.put(e.id(), e));

        List<ImageRecord> todo = new ArrayList<>();
        Set<String> present = new LinkedHashSet<>();
        for (ImageRecord r : images) {
            present.add(r.id());
            IndexEntry e = known.get(r.id());
            long[] sm = sizeAndMtime(r.path());
            if (e == null || e.size() != sm[0] || e.mtime() != sm[1] || !e.path().equals(r.path().toString())) todo.add(r);
        }
        List<String> removed = known.keySet().stream().filter(id -> !present.contains(id)).sorted().toList();
        List<String> failed = new ArrayList<>();
        int done = 0;
        progress.progress(0, todo.size(), "embedding");
        for (int c = 0; c < todo.size(); c += o.chunk()) {
            List<ImageRecord> part = todo.subList(c, Math.min(todo.size(), c + o.chunk()));
            List<IndexEntry> entries = new ArrayList<>();
            List<float[]> emb0 = new ArrayList<>(), probs = new ArrayList<>();
            Prepared next = prepare(part, 0, o, idx.dir(), failed, emb.imageSize());
            for (int b = 0; b < part.size(); b += o.batch()) {
                Prepared cur = next;
                Future<float[][]> f = emb.imagesAsync(cur.inputs());
                next = b + o.batch() < part.size() ? prepare(part, b + o.batch(), o, idx.dir(), failed, emb.imageSize()) : null;   // overlaps the forward pass
                float[][] e = Embedder.await(f);
                for (int i = 0; i < e.length; i++) {
                    float[] p = scenes.distribution(e[i]);
                    ImageRecord r = cur.records().get(i);
                    String label = ImageRecord.UNKNOWN_SCENE.equals(r.scene()) ? "" : r.scene();
                    int li = scenes.indexOf(label);
                    String scene = scenes.names().get(li >= 0 ? li : SceneSet.argmax(p));
                    long[] sm = sizeAndMtime(r.path());
                    String caption = r.usableCaptions().isEmpty() ? "" : r.usableCaptions().get(0);
                    entries.add(new IndexEntry(r.id(), r.path().toString(), sm[0], sm[1], label, scene, caption, r.footprint(), cur.thumbs().get(i)));
                    emb0.add(e[i]);
                    probs.add(p);
                }
                done += Math.min(o.batch(), part.size() - b);
                progress.progress(done, todo.size(), "embedding");
            }
            boolean last = c + o.chunk() >= todo.size();
            idx.commit(entries, emb0.toArray(new float[0][]), probs.toArray(new float[0][]), last ? removed : List.of());
        }
        if (todo.isEmpty() && !removed.isEmpty()) idx.commit(List.of(), new float[0][], new float[0][], removed);
        long compacted = 0;
        ArchiveIndex.Gallery live = idx.read();
        if (idx.storedRows() > live.size() * (1 + COMPACT_AT)) compacted = idx.compact(live);   // re-indexing left enough dead rows
        SearchIndex.ensureHnsw(idx, live, ProgressListener.NONE);
        double s = (System.nanoTime() - t0) / 1e9;
        int embedded = todo.size() - failed.size();
        return new Report(images.size(), embedded, images.size() - todo.size(), removed.size(), compacted, List.copyOf(failed), s, embedded / s);
    }

    private record Prepared(List<ImageRecord> records, List<float[]> inputs, List<String> thumbs) { }

    /** Decodes, thumbnails and preprocesses one batch; unreadable images are reported and left out. */
    private static Prepared prepare(List<ImageRecord> part, int from, Options o, Path dir, List<String> failed, int size) {
        List<ImageRecord> recs = new ArrayList<>();
        List<float[]> inputs = new ArrayList<>();
        List<String> thumbs = new ArrayList<>();
        for (ImageRecord r : part.subList(from, Math.min(part.size(), from + o.batch()))) {
            BufferedImage im;
            try {
                im = ImageLoader.load(r.path());
            } catch (CmerException e) {
                failed.add(e.getMessage());
                continue;
            }
            recs.add(r);
            inputs.add(ModelInput.of(im, size));
            thumbs.add(thumbnail(im, r.id(), dir, o.thumb()));
        }
        return new Prepared(recs, inputs, thumbs);
    }

    private static ArchiveIndex openOrCreate(Embedder emb, Options o, Path src, Dataset ds) {
        if (ArchiveIndex.exists(o.out())) {
            ArchiveIndex idx = ArchiveIndex.open(o.out());
            var h = idx.header();
            if (!h.modelIdentity().equals(emb.identity()))
                throw new CmerException("index " + o.out() + " was built with model " + h.model() + " (id " + h.modelIdentity() + "); this run uses "
                        + emb.description() + " (id " + emb.identity() + "). Embeddings of different models cannot be mixed: index into a new folder, or pass --model "
                        + (h.modelPath().isEmpty() ? "(the sample model)" : h.modelPath()), CmerException.USAGE, null);
            if (!h.source().equals(src.toString()))
                throw new CmerException("index " + o.out() + " holds images of " + h.source() + ", not " + src + "; use one index per archive", CmerException.USAGE, null);
            return idx;
        }
        List<String> names = o.scenes();
        if (names == null || names.isEmpty()) {
            names = ds.images().stream().map(ImageRecord::scene).filter(s -> !ImageRecord.UNKNOWN_SCENE.equals(s))
                    .filter(cmer.text.ScenePrompts::known).distinct().sorted().toList();
            if (names.isEmpty()) names = SceneSet.DEFAULT;
        }
        SceneSet s = SceneSet.build(emb, names, o.prompts());
        return ArchiveIndex.create(o.out(), new ArchiveIndex.Header(ArchiveIndex.FORMAT, emb.identity(), emb.description(), emb.modelPath(),
                emb.dim(), s.scale(), src.toString(), s.names(), s.embeddings()));
    }

    static long[] sizeAndMtime(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new long[] {a.size(), a.lastModifiedTime().toMillis()};
        } catch (IOException e) {
            throw new CmerException(p + ": cannot read file attributes: " + e.getMessage(), CmerException.IO, e);
        }
    }

    /** Writes a JPEG thumbnail (longest side {@code size}) named by a hash of the id; returns its path relative to the index. */
    private static String thumbnail(BufferedImage im, String id, Path dir, int size) {
        try {
            String name = ArchiveIndex.THUMBS + "/" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(id.getBytes(StandardCharsets.UTF_8))).substring(0, 20) + ".jpg";
            double s = (double) size / Math.max(im.getWidth(), im.getHeight());
            BufferedImage t = s < 1 ? ModelInput.resize(im, Math.max(1, (int) Math.round(im.getWidth() * s)), Math.max(1, (int) Math.round(im.getHeight() * s))) : im;
            cmer.core.AtomicFiles.write(dir.resolve(name), out -> ImageIO.write(t, "jpg", out));
            return name;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new CmerException("cannot write a thumbnail of " + id + " into " + dir + ": " + e.getMessage(), CmerException.IO, e);
        }
    }
}
