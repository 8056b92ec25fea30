package cmer.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import cmer.core.CmerException;

/**
 * The field-standard R@K / mR protocol of CMER-METHOD.md. Image→text: rank all captions for each image;
 * the image's rank is the best rank among its own captions. Text→image: rank all images for each caption.
 * R@1/5/10 each way in %, mR = mean of the six.
 *
 * <p>Ties count against the model: a caption (image) ranks behind every wrong candidate whose score is
 * greater than <em>or equal to</em> its own. With an optimistic or sort-order tie rule, collapsed
 * embeddings (all scores equal) would score 100 %; with this rule they score ~0, as they should.
 *
 * <p>Images may have any number of captions (blank captions skipped by the reader); an image with no
 * caption is still a candidate for text→image but has no image→text rank and is left out of that average.
 */
public final class RetrievalMetrics {
    private RetrievalMetrics() { }

    /** The six recalls (%) and their mean. */
    public record Recalls(double r1I2t, double r5I2t, double r10I2t, double r1T2i, double r5T2i, double r10T2i) {
        public double mr() { return (r1I2t + r5I2t + r10I2t + r1T2i + r5T2i + r10T2i) / 6; }

        public double[] asArray() { return new double[] {r1I2t, r5I2t, r10I2t, r1T2i, r5T2i, r10T2i, mr()}; }
    }

    /**
     * Recalls from L2-normalised embeddings (cosine similarity = dot product, one matMul on their device).
     *
     * @param images   (I, E) image embeddings
     * @param captions (C, E) caption embeddings
     * @param capToImg length C: the image index of each caption
     */
    public static Recalls of(NDArray images, NDArray captions, int[] capToImg) {
        long nImg = images.getShape().get(0), nCap = captions.getShape().get(0);
        if (images.getShape().dimension() != 2 || captions.getShape().dimension() != 2
                || images.getShape().get(1) != captions.getShape().get(1)) {
            throw new CmerException("retrieval metrics: expected image (I, E) and caption (C, E) embeddings, got "
                    + images.getShape() + " and " + captions.getShape());
        }
        try (NDManager scope = images.getManager().newSubManager()) {
            NDArray capsT = captions.transpose();                                     // (E, C)
            capsT.attach(scope);                                                     // results land on the operands' managers:
            NDArray sim = images.matMul(capsT);                                      // (I, C)  move both into the scope
            sim.attach(scope);
            return ofSimilarity(sim.toFloatArray(), (int) nImg, (int) nCap, capToImg);
        }
    }

    /**
     * Recalls from a row-major (I, C) similarity matrix.
     *
     * @param sim      {@code sim[i * nCap + c]} = similarity of image i and caption c
     * @param capToImg length nCap: the image index of each caption
     */
    public static Recalls ofSimilarity(float[] sim, int nImg, int nCap, int[] capToImg) {
        if (sim.length != (long) nImg * nCap) throw new CmerException("similarity matrix has " + sim.length + " entries, expected " + nImg + "×" + nCap);
        if (capToImg.length != nCap) throw new CmerException("caption→image index has " + capToImg.length + " entries for " + nCap + " captions");
        for (int c = 0; c < nCap; c++) {
            if (capToImg[c] < 0 || capToImg[c] >= nImg) throw new CmerException("caption " + c + " points to image " + capToImg[c] + ", but there are " + nImg);
        }
        if (nCap == 0) throw new CmerException("retrieval metrics: no captions to evaluate");
        for (int k = 0; k < sim.length; k++) {
            if (!Float.isFinite(sim[k])) throw new CmerException("similarity of image " + k / nCap + " and caption " + k % nCap + " is " + sim[k] + " (NaN/Inf embeddings?)");
        }
        int[] i2t = imageToTextRanks(sim, nImg, nCap, capToImg);
        int[] t2i = textToImageRanks(sim, nImg, nCap, capToImg);
        return new Recalls(recall(i2t, 1), recall(i2t, 5), recall(i2t, 10), recall(t2i, 1), recall(t2i, 5), recall(t2i, 10));
    }

    /** 0-based rank of each image's best own caption; -1 for images without captions. */
    static int[] imageToTextRanks(float[] sim, int nImg, int nCap, int[] capToImg) {
        int[] ranks = new int[nImg];
        for (int i = 0; i < nImg; i++) {
            int row = i * nCap;
            float best = Float.NEGATIVE_INFINITY;
            boolean any = false;
            for (int c = 0; c < nCap; c++) if (capToImg[c] == i) { any = true; best = Math.max(best, sim[row + c]); }
            if (!any) { ranks[i] = -1; continue; }
            int rank = 0;                                   // wrong captions scoring >= the best own caption
            for (int c = 0; c < nCap; c++) if (capToImg[c] != i && sim[row + c] >= best) rank++;
            ranks[i] = rank;
        }
        return ranks;
    }

    /** 0-based rank of each caption's own image among all images. */
    static int[] textToImageRanks(float[] sim, int nImg, int nCap, int[] capToImg) {
        int[] ranks = new int[nCap];
        for (int c = 0; c < nCap; c++) {
            float own = sim[capToImg[c] * nCap + c];
            int rank = 0;
            for (int i = 0; i < nImg; i++) if (i != capToImg[c] && sim[i * nCap + c] >= own) rank++;
            ranks[c] = rank;
        }
        return ranks;
    }

    /** Percentage of ranks below k, ignoring -1 (no rank). */
    static double recall(int[] ranks, int k) {
        int hit = 0, n = 0;
        for (int r : ranks) {
            if (r < 0) continue;
            n++;
            if (r < k) hit++;
        }
        return n == 0 ? 0 : 100.0 * hit / n;
    }
}
