package cmer.search;

import java.util.SplittableRandom;

/**
 * Seeded synthetic embeddings that look like a retrieval archive rather than noise: {@code clusters}
 * centres (scenes/places) on the unit sphere, each vector = centre + a low-rank "attribute" part shared
 * by all clusters (64 directions) + small isotropic noise, then L2-normalised. Real CLIP-style image
 * embeddings have low intrinsic dimension and clear clusters; i.i.d. Gaussian vectors in 512-d have
 * neither (all pairwise cosines ≈ 0, nearest neighbours barely nearer than the rest), which makes graph
 * search look unrealistically bad and the top-k meaningless. Queries are drawn the same way (new samples
 * near existing centres), like a text query landing near a scene.
 */
public final class SyntheticGallery {
    static final int ATTRIBUTES = 64;
    private final int dim;
    private final float[] centres;     // (clusters, d)
    private final float[] attributes;  // (ATTRIBUTES, d)
    private final int clusters;

    public SyntheticGallery(int dim, int clusters, long seed) {
        this.dim = dim;
        this.clusters = clusters;
        SplittableRandom rnd = new SplittableRandom(seed);
        centres = new float[clusters * dim];
        for (int c = 0; c < clusters; c++) unitGaussian(rnd, centres, c * dim, 1.0);
        attributes = new float[ATTRIBUTES * dim];
        for (int a = 0; a < ATTRIBUTES; a++) unitGaussian(rnd, attributes, a * dim, 1.0);
    }

    /** The usual shape: about 100 vectors per cluster. */
    public static SyntheticGallery forSize(int n, int dim, long seed) { return new SyntheticGallery(dim, Math.max(10, n / 100), seed); }

    /** {@code n} unit vectors as {@code float[n * d]}; stream {@code stream} gives independent, reproducible samples. */
    public float[] sample(int n, long stream) {
        float[] out = new float[n * dim];
        SplittableRandom rnd = new SplittableRandom(stream * 0x9E3779B97F4A7C15L + 17);
        double[] z = new double[ATTRIBUTES];
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(clusters), off = i * dim;
            for (int a = 0; a < ATTRIBUTES; a++) z[a] = gaussian(rnd) * 0.6 / Math.sqrt(ATTRIBUTES) * Math.exp(-a / 24.0) * 2.2;
            double s = 0;
            for (int j = 0; j < dim; j++) {
                double v = centres[c * dim + j] + gaussian(rnd) * 0.25 / Math.sqrt(dim);
                out[off + j] = (float) v;
            }
            for (int a = 0; a < ATTRIBUTES; a++) {
                float w = (float) z[a];
                for (int j = 0; j < dim; j++) out[off + j] += w * attributes[a * dim + j];
            }
            for (int j = 0; j < dim; j++) s += (double) out[off + j] * out[off + j];
            float inv = (float) (1 / Math.sqrt(s));
            for (int j = 0; j < dim; j++) out[off + j] *= inv;
        }
        return out;
    }

    private void unitGaussian(SplittableRandom rnd, float[] a, int off, double scale) {
        double s = 0;
        for (int j = 0; j < dim; j++) { double g = gaussian(rnd); a[off + j] = (float) g; s += g * g; }
        float inv = (float) (scale / Math.sqrt(s));
        for (int j = 0; j < dim; j++) a[off + j] *= inv;
    }

    /** Box–Muller (SplittableRandom has no nextGaussian on Java 17). */
    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
