package cmer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.CmerException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExactIndexTest {
    static final int N = 2000, D = 64;
    static final SyntheticGallery G = SyntheticGallery.forSize(N, D, 7);
    static final float[] ROWS = G.sample(N, 1), QUERIES = G.sample(30, 2);
    static final List<String> IDS = IntStream.range(0, N).mapToObj(i -> "img" + i).toList();

    /** Reference: every score in double precision, full sort. */
    static List<Integer> bruteForce(float[] rows, float[] q, int k, java.util.function.IntPredicate keep) {
        int n = rows.length / q.length;
        double[] s = new double[n];
        for (int r = 0; r < n; r++) for (int j = 0; j < q.length; j++) s[r] += (double) q[j] * rows[r * q.length + j];
        return IntStream.range(0, n).filter(keep).boxed().sorted(Comparator.comparingDouble((Integer r) -> -s[r])).limit(k).toList();
    }

    static float[] query(int i) { return Arrays.copyOfRange(QUERIES, i * D, (i + 1) * D); }

    @Test
    void matchesBruteForceWithAndWithoutThreadsAndFilters() {
        for (int threads : new int[] {1, 2}) {
            try (ExactIndex x = ExactIndex.wrap(IDS, ROWS, D, threads)) {
                for (int i = 0; i < 30; i++) {
                    float[] q = query(i);
                    List<Hit> hits = x.search(q, 10);
                    List<Integer> ref = bruteForce(ROWS, q, 10, r -> true);
                    assertEquals(ref.stream().map(r -> "img" + r).toList(), hits.stream().map(Hit::id).toList());
                    for (int j = 1; j < hits.size(); j++) assertTrue(hits.get(j - 1).score() >= hits.get(j).score());
                    List<Hit> even = x.search(q, 5, id -> Integer.parseInt(id.substring(3)) % 2 == 0);
                    assertEquals(bruteForce(ROWS, q, 5, r -> r % 2 == 0).stream().map(r -> "img" + r).toList(), even.stream().map(Hit::id).toList());
                }
            }
        }
    }

    @Test
    void parallelScanIsUsedAndAgreesOnALargerGallery() {
        int n = (int) (ExactIndex.PARALLEL_MIN_FLOATS / D) + 100;   // above the threshold: the two-thread path runs
        SyntheticGallery g = SyntheticGallery.forSize(n, D, 3);
        float[] rows = g.sample(n, 1);
        List<String> ids = IntStream.range(0, n).mapToObj(i -> "" + i).toList();
        try (ExactIndex one = ExactIndex.wrap(ids, rows, D, 1); ExactIndex two = ExactIndex.wrap(ids, rows, D, 2)) {
            for (int i = 0; i < 5; i++) assertEquals(one.search(query(i), 20), two.search(query(i), 20));
        }
    }

    @Test
    void addGrowsAndFewerHitsThanKWhenSmall() {
        ExactIndex x = new ExactIndex(D, 1);
        assertEquals(List.of(), x.search(query(0), 5));
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 200; i++) { x.add("a" + i, Arrays.copyOfRange(ROWS, i * D, (i + 1) * D)); added.add("a" + i); }
        assertEquals(200, x.size());
        assertEquals(200, x.search(query(0), 500).size());
        Hit self = x.search(Arrays.copyOfRange(ROWS, 17 * D, 18 * D), 1).get(0);
        assertEquals("a17", self.id());
        assertEquals(1.0f, self.score(), 1e-5f);
        assertEquals(3, x.search(query(0), 3, id -> id.equals("a1") || id.equals("a2") || id.equals("a3")).size());
    }

    @Test
    void rejectsWrongDimensionAndUnnormalisedVectors() {
        ExactIndex x = new ExactIndex(D, 1);
        CmerException dim = assertThrows(CmerException.class, () -> x.add("bad", new float[D + 1]));
        assertTrue(dim.getMessage().contains("'bad'") && dim.getMessage().contains("float[" + D + "]"), dim.getMessage());
        float[] big = query(0).clone();
        big[0] += 1;
        CmerException norm = assertThrows(CmerException.class, () -> x.search(big, 3));
        assertTrue(norm.getMessage().startsWith("query: embedding must be L2-normalised"), norm.getMessage());
    }

    @Test
    void topKKeepsTheLargestAndBreaksTiesByOrdinal() {
        TopK t = new TopK(3);
        float[] s = {0.5f, 0.9f, 0.1f, 0.9f, 0.7f, 0.2f};
        for (int i = 0; i < s.length; i++) t.offer(i, s[i]);
        float[] out = new float[3];
        int[] ords = t.drainBestFirst(out);
        assertEquals(List.of(1, 3, 4), Arrays.stream(ords).boxed().toList());
        assertEquals(0.7f, out[2]);
    }
}
