package cmer.search;

import cmer.core.CmerException;
import cmer.eval.Encoder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The embedding service of search and export: one {@link Encoder} owned by one dedicated thread, because
 * PyTorch's grad mode and DJL's managers are per thread (STACK.md); every call is handed to that thread.
 * Callers may prepare the next batch (decode, resize) while the previous one runs ({@link #imagesAsync}).
 */
public final class Embedder implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cmer-djl");
        t.setDaemon(true);
        return t;
    });
    private final Encoder encoder;
    private final String modelPath;

    private Embedder(String modelPath, Callable<Encoder> load) {
        this.modelPath = modelPath;
        Encoder e;
        try {
            e = await(thread.submit(load));
        } catch (RuntimeException ex) {
            thread.shutdownNow();
            throw ex;
        }
        this.encoder = e;
    }

    /** Loads a model folder or run folder; null = the shipped sample model. */
    public static Embedder open(Path modelOrRun) { return open(modelOrRun, "auto"); }

    /** The same on a device: auto | cpu | gpu | gpuN. */
    public static Embedder open(Path modelOrRun, String device) {
        return new Embedder(modelOrRun == null ? "" : modelOrRun.toAbsolutePath().normalize().toString(), () -> Encoder.open(modelOrRun, device));
    }

    /** A frozen backbone of a shipped configuration ({@code ClipConfig.named}) with random weights: for benchmarks. */
    public static Embedder random(String configName, Path tokenizerJson) {
        cmer.nn.ClipConfig cfg = cmer.nn.ClipConfig.named(configName);
        return new Embedder("", () -> Encoder.random(cfg, tokenizerJson, configName));
    }

    public String identity() { return encoder.identity(); }

    public String description() { return encoder.description(); }

    /** The path given to {@link #open} ("" for the sample model). */
    public String modelPath() { return modelPath; }

    public int dim() { return encoder.dim(); }

    public int imageSize() { return encoder.imageSize(); }

    public float scale() { return encoder.scale(); }

    public Future<float[][]> imagesAsync(List<float[]> inputs) { return thread.submit(() -> encoder.images(inputs)); }

    public float[][] images(List<float[]> inputs) { return await(imagesAsync(inputs)); }

    public float[][] texts(List<String> texts) { return call(() -> encoder.texts(texts)); }

    public float[] text(String text) { return texts(List.of(text))[0]; }

    public Encoder.Maps maps(float[] input, float[] query) { return call(() -> encoder.maps(input, query)); }

    private <T> T call(Callable<T> c) { return await(thread.submit(c)); }

    /** Waits for a result of the model thread; its CmerException passes through unchanged. */
    public static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CmerException("interrupted", CmerException.INTERRUPTED, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new CmerException("model thread failed: " + e.getCause(), CmerException.ENGINE, e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            await(thread.submit(() -> { encoder.close(); return null; }));
        } finally {
            thread.shutdownNow();
        }
    }
}
