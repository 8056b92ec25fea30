package cmer.search;

import cmer.core.CmerException;
import cmer.core.ProgressListener;
import cmer.data.ImageLoader;
import cmer.data.ModelInput;
import cmer.text.BpeTokenizerBuilder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * {@code cmer bench index}: the indexing rate of a model on seeded synthetic aerial-like JPEGs. Reports the model's
 * forward rate alone (inputs prepared beforehand) and the end-to-end {@link Indexer} rate (decode, resize,
 * thumbnail, embed, scene distribution, chunked writes; the one-off scene-prompt embedding included).
 */
public final class IndexBenchmark {
    /** @param model "sample", a model/run folder, or a shipped configuration name with random weights (vit-b-32, tiny) */
    public record Config(String model, int images, int batch, int size, long seed, Path work) { }

    public record Result(String model, int images, int batch, double forwardImagesPerSecond, double indexImagesPerSecond, double indexSeconds) { }

    private IndexBenchmark() { }

    public static Result run(Config c, ProgressListener progress) {
        if (c.images() < 1 || c.batch() < 1) throw new CmerException("bench index: --images and --batch must be >= 1", CmerException.USAGE, null);
        try {
            Path work = Files.createDirectories(c.work()), imgs = work.resolve("images-" + c.images() + "-" + c.size() + "-" + c.seed()), idx = work.resolve("index-" + System.nanoTime());
            writeImages(imgs, c.images(), c.size(), c.seed());
            try (Embedder e = open(c.model(), work)) {
                List<float[]> inputs = new ArrayList<>();
                try (var s = Files.list(imgs)) {
                    for (Path p : s.sorted().toList()) inputs.add(ModelInput.of(ImageLoader.load(p), e.imageSize()));
                }
                e.images(inputs.subList(0, Math.min(c.batch(), inputs.size())));           // warm-up: first-call allocations
                long t0 = System.nanoTime();
                for (int i = 0; i < inputs.size(); i += c.batch()) e.images(inputs.subList(i, Math.min(inputs.size(), i + c.batch())));
                double fwd = inputs.size() / ((System.nanoTime() - t0) / 1e9);
                Indexer.Report r = Indexer.run(e, new Indexer.Options(imgs, idx, c.batch(), 256, null, null, 128), progress);
                return new Result(e.description(), c.images(), c.batch(), fwd, r.imagesPerSecond(), r.seconds());
            } finally {
                if (Files.exists(idx)) try (var s = Files.walk(idx)) {                    // the images stay cached; the index does not
                    for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new CmerException("bench index: cannot write into " + c.work() + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    private static Embedder open(String model, Path work) throws IOException {
        if (model.equals("sample")) return Embedder.open(null);
        if (Files.isDirectory(Path.of(model))) return Embedder.open(Path.of(model));
        Path tok = work.resolve("bench-tokenizer.json");
        List<String> corpus = new ArrayList<>();
        for (String s : SceneSet.DEFAULT) corpus.add("an aerial photo of a " + s + ". a satellite image of a " + s + ". a remote sensing image of a " + s + ".");
        new BpeTokenizerBuilder(800).train(corpus).write(tok);
        return Embedder.random(model, tok);
    }

    /** Seeded JPEGs: a ground colour with rectangles (fields, roofs) and small bright blobs (vehicles). */
    static void writeImages(Path dir, int n, int size, long seed) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            Path f = dir.resolve(String.format(java.util.Locale.ROOT, "synthetic_%05d.jpg", i));
            if (Files.isRegularFile(f)) continue;
            BufferedImage im = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = im.createGraphics();
            g.setColor(new Color(60 + r.nextInt(80), 80 + r.nextInt(80), 40 + r.nextInt(60)));
            g.fillRect(0, 0, size, size);
            for (int k = 0; k < 12; k++) {
                g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
                int w = 4 + r.nextInt(size / 3), h = 4 + r.nextInt(size / 3);
                g.fillRect(r.nextInt(size), r.nextInt(size), w, h);
            }
            g.dispose();
            ImageIO.write(im, "jpg", f.toFile());
        }
    }
}
