package cmer.search;

import cmer.core.AtomicFiles;
import cmer.core.CmerException;
import cmer.data.ImageLoader;
import cmer.data.ModelInput;
import cmer.eval.Encoder;
import cmer.geo.export.AttentionMap;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Attention maps for a (query, image) pair, at the patch grid and at the image's pixel size, and their heat-map
 * overlay. The model sees the central square crop of the image (CLIP's preprocessing), so the upsampled map covers
 * that square and is 0 outside it.
 */
public final class AttentionMaps {
    /**
     * Which map: {@code SALIENCY} = the model's own patch saliency (the focus layer's a; without a focus layer
     * the last layer's CLS→patch attention), query-independent, what the embedding really weighted;
     * {@code QUERY} = where the query's text embedding matches the patch tokens.
     */
    public enum Kind { SALIENCY, QUERY }

    /**
     * @param grid    patches per side
     * @param patches {@code float[grid * grid]}, sums to 1
     * @param source  what {@code patches} is, in words
     * @param pixels  the map bilinearly upsampled onto the image ({@code width × height}, 0 outside the model's crop)
     */
    public record Map(int grid, float[] patches, String source, int width, int height, float[] pixels) {
        public AttentionMap atImageSize() { return new AttentionMap(width, height, pixels); }
    }

    private AttentionMaps() { }

    public static Map compute(Embedder emb, BufferedImage image, float[] query, Kind kind) {
        Encoder.Maps m = emb.maps(ModelInput.of(image, emb.imageSize()), query);
        float[] p = kind == Kind.QUERY ? m.query() : m.saliency();
        String src = kind == Kind.QUERY ? "query-conditioned patch map" : m.source() == Encoder.SaliencySource.FOCUS_LAYER
                ? "focus-layer saliency" : "last-layer CLS attention (no focus layer)";
        return new Map(m.grid(), p, src, image.getWidth(), image.getHeight(), upsample(p, m.grid(), image.getWidth(), image.getHeight()));
    }

    public static Map compute(Embedder emb, Path image, float[] query, Kind kind) { return compute(emb, ImageLoader.load(image), query, kind); }

    /** Grid map → image pixels: bilinear onto the central min(w, h) square, zero elsewhere. */
    static float[] upsample(float[] grid, int g, int w, int h) {
        int side = Math.min(w, h), x0 = (w - side) / 2, y0 = (h - side) / 2;
        float[] sq = new AttentionMap(g, g, grid).resampled(side, side);
        float[] out = new float[w * h];
        for (int y = 0; y < side; y++) System.arraycopy(sq, y * side, out, (y0 + y) * w + x0, side);
        return out;
    }

    /** The image with the map over it: inferno colormap of map/max, alpha-blended at {@code alpha}. */
    public static BufferedImage overlay(BufferedImage image, float[] pixels, double alpha) {
        int w = image.getWidth(), h = image.getHeight();
        if (pixels.length != w * h) throw new IllegalArgumentException("map of " + pixels.length + " values for a " + w + "x" + h + " image");
        float max = 0;
        for (float v : pixels) max = Math.max(max, v);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                int c = inferno(max > 0 ? pixels[y * w + x] / max : 0);
                out.setRGB(x, y, blend(p >> 16 & 255, c >> 16 & 255, alpha) << 16 | blend(p >> 8 & 255, c >> 8 & 255, alpha) << 8 | blend(p & 255, c & 255, alpha));
            }
        return out;
    }

    public static void writeOverlay(BufferedImage image, Map map, Path png) {
        BufferedImage o = overlay(ImageLoader.toRgb(image), map.pixels(), 0.55);
        try {
            AtomicFiles.write(png, out -> ImageIO.write(o, "png", out));
        } catch (IOException e) {
            throw new CmerException("cannot write " + png + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    /** Writes {@code NNN_name_attention.png} for every hit into {@code dir}; returns the files. */
    public static java.util.List<Path> writeOverlays(Embedder emb, java.util.List<Searcher.Result> hits, float[] query, Kind kind, Path dir) {
        java.util.List<Path> files = new java.util.ArrayList<>();
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CmerException("cannot create " + dir + ": " + e.getMessage(), CmerException.IO, e);
        }
        for (Searcher.Result r : hits) {
            Path img = Path.of(r.entry().path());
            String n = img.getFileName().toString();
            String stem = (n.lastIndexOf('.') > 0 ? n.substring(0, n.lastIndexOf('.')) : n).replaceAll("[^\\p{L}\\p{N}._-]", "_");
            Path png = dir.resolve(String.format(java.util.Locale.ROOT, "%03d_%s_attention.png", r.rank(), stem));
            BufferedImage im = ImageLoader.load(img);
            writeOverlay(im, compute(emb, im, query, kind), png);
            files.add(png);
        }
        return files;
    }

    private static int blend(int a, int b, double alpha) { return (int) Math.round(a * (1 - alpha) + b * alpha); }

    // Matplotlib's inferno (perceptually uniform, readable in grey scale) as a degree-6 polynomial fit per channel
    // (M. Zucker's published fit, error < 1/255): no colormap library is needed for one function.
    private static final double[][] INFERNO = {
        {0.0002189403691192265, 0.1065134194856116, 11.60249308247187, -41.70399613139459, 77.162935699427, -71.31942824499214, 25.13112622477341},
        {0.001651004631001012, 0.5639564367884091, -3.972853965665698, 17.43639888205313, -33.40235894210092, 32.62606426397723, -12.24266895238567},
        {-0.01948089843709184, 3.932712388889277, -15.9423941062914, 44.35414519872813, -81.80730925738993, 73.20951985803202, -23.07032500287172}};

    /** Inferno colour of t in [0, 1] as 0xRRGGBB. */
    static int inferno(double t) {
        t = Math.max(0, Math.min(1, t));
        int rgb = 0;
        for (double[] c : INFERNO) {
            double v = c[6];
            for (int i = 5; i >= 0; i--) v = v * t + c[i];
            rgb = rgb << 8 | (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
        }
        return rgb;
    }
}
