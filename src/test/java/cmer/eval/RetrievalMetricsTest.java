package cmer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import cmer.core.CmerException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetrievalMetricsTest {

    @Test
    void handBuiltMatrixWithKnownRanks() {
        // 3 images, 2 captions each (c0,c1 → img0; c2,c3 → img1; c4,c5 → img2)
        int[] capToImg = {0, 0, 1, 1, 2, 2};
        float[] sim = {
            // c0   c1   c2   c3   c4   c5
            0.9f, 0.1f, 0.5f, 0.2f, 0.3f, 0.0f,   // img0: best own 0.9 → rank 0
            0.8f, 0.7f, 0.6f, 0.1f, 0.2f, 0.3f,   // img1: best own 0.6 < 0.8, 0.7 → rank 2
            0.4f, 0.3f, 0.9f, 0.9f, 0.5f, 0.2f,   // img2: best own 0.5 < 0.9, 0.9 → rank 2
        };
        assertArrayEquals(new int[] {0, 2, 2}, RetrievalMetrics.imageToTextRanks(sim, 3, 6, capToImg));
        // text→image, per caption column: c0 own 0.9 (rank 0); c1 own 0.1 < 0.7, 0.3 (2); c2 own 0.6 < 0.9 (1)
        // c3 own 0.1 < 0.2, 0.9 (2); c4 own 0.5 > 0.3, 0.2 (0); c5 own 0.2 < 0.3 (1), 0.0 not
        assertArrayEquals(new int[] {0, 2, 1, 2, 0, 1}, RetrievalMetrics.textToImageRanks(sim, 3, 6, capToImg));
        RetrievalMetrics.Recalls r = RetrievalMetrics.ofSimilarity(sim, 3, 6, capToImg);
        assertEquals(100.0 / 3, r.r1I2t(), 1e-9);
        assertEquals(100, r.r5I2t());
        assertEquals(100.0 * 2 / 6, r.r1T2i(), 1e-9);
        assertEquals(100, r.r10T2i());
        assertEquals((100.0 / 3 + 100 + 100 + 100.0 / 3 + 100 + 100) / 6, r.mr(), 1e-9);
    }

    @Test
    void tiesCountAgainstTheModelSoCollapsedEmbeddingsScoreNothing() {
        int nImg = 20, nCap = 100;
        int[] capToImg = new int[nCap];
        for (int c = 0; c < nCap; c++) capToImg[c] = c / 5;
        RetrievalMetrics.Recalls r = RetrievalMetrics.ofSimilarity(new float[nImg * nCap], nImg, nCap, capToImg);
        assertEquals(0, r.mr());
    }

    @Test
    void matchesABruteForceSortOnRandomData() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 20; trial++) {
            int nImg = 5 + rnd.nextInt(30);
            List<Integer> owners = new ArrayList<>();
            for (int i = 0; i < nImg; i++) for (int k = rnd.nextInt(7); k > 0; k--) owners.add(i);   // 0 … 6 captions per image
            if (owners.isEmpty()) owners.add(0);
            int nCap = owners.size();
            int[] capToImg = owners.stream().mapToInt(Integer::intValue).toArray();
            float[] sim = new float[nImg * nCap];
            for (int k = 0; k < sim.length; k++) sim[k] = rnd.nextInt(8) / 8f;   // coarse values: many ties
            RetrievalMetrics.Recalls got = RetrievalMetrics.ofSimilarity(sim, nImg, nCap, capToImg);
            double[] want = bruteForce(sim, nImg, nCap, capToImg);
            assertArrayEquals(want, got.asArray(), 1e-9, "trial " + trial);
        }
    }

    /** Sorts every row/column (ties: wrong candidates first) and reads positions: independent of the counting code. */
    static double[] bruteForce(float[] sim, int nImg, int nCap, int[] capToImg) {
        int[] ks = {1, 5, 10};
        double[] out = new double[7];
        int withCaps = 0;
        int[][] hitsI2t = new int[3][1];
        for (int i = 0; i < nImg; i++) {
            final int img = i;
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < nCap; c++) order.add(c);
            order.sort(Comparator.<Integer>comparingDouble(c -> -sim[img * nCap + c]).thenComparing(c -> capToImg[c] == img ? 1 : 0));
            int first = -1;
            for (int p = 0; p < nCap; p++) if (capToImg[order.get(p)] == img) { first = p; break; }
            if (first < 0) continue;
            withCaps++;
            for (int k = 0; k < 3; k++) if (first < ks[k]) hitsI2t[k][0]++;
        }
        int[] hitsT2i = new int[3];
        for (int c = 0; c < nCap; c++) {
            final int cap = c;
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < nImg; i++) order.add(i);
            order.sort(Comparator.<Integer>comparingDouble(i -> -sim[i * nCap + cap]).thenComparing(i -> i == capToImg[cap] ? 1 : 0));
            int pos = order.indexOf(capToImg[c]);
            for (int k = 0; k < 3; k++) if (pos < ks[k]) hitsT2i[k]++;
        }
        for (int k = 0; k < 3; k++) {
            out[k] = withCaps == 0 ? 0 : 100.0 * hitsI2t[k][0] / withCaps;
            out[3 + k] = 100.0 * hitsT2i[k] / nCap;
        }
        out[6] = (out[0] + out[1] + out[2] + out[3] + out[4] + out[5]) / 6;
        return out;
    }

    @Test
    void embeddingsPathAgreesWithTheSimilarityPath() {
        Random rnd = new Random(2);
        int nImg = 12, nCap = 60, e = 8;
        float[] img = new float[nImg * e], cap = new float[nCap * e];
        for (int k = 0; k < img.length; k++) img[k] = (float) rnd.nextGaussian();
        for (int k = 0; k < cap.length; k++) cap[k] = (float) rnd.nextGaussian();
        int[] capToImg = new int[nCap];
        for (int c = 0; c < nCap; c++) capToImg[c] = c / 5;
        float[] sim = new float[nImg * nCap];
        for (int i = 0; i < nImg; i++) for (int c = 0; c < nCap; c++) {
            double s = 0;
            for (int k = 0; k < e; k++) s += img[i * e + k] * cap[c * e + k];
            sim[i * nCap + c] = (float) s;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            RetrievalMetrics.Recalls a = RetrievalMetrics.of(m.create(img, new Shape(nImg, e)), m.create(cap, new Shape(nCap, e)), capToImg);
            assertArrayEquals(RetrievalMetrics.ofSimilarity(sim, nImg, nCap, capToImg).asArray(), a.asArray(), 1e-9);
            assertTrue(a.mr() > 0);
        }
    }

    @Test
    void badInputNamesWhatIsWrong() {
        CmerException e = assertThrows(CmerException.class, () -> RetrievalMetrics.ofSimilarity(new float[6], 2, 3, new int[] {0, 1, 2}));
        assertTrue(e.getMessage().contains("caption 2 points to image 2"), e.getMessage());
        float[] nan = new float[6];
        nan[4] = Float.NaN;
        e = assertThrows(CmerException.class, () -> RetrievalMetrics.ofSimilarity(nan, 2, 3, new int[] {0, 1, 1}));
        assertTrue(e.getMessage().contains("image 1 and caption 1"), e.getMessage());
    }
}
