package cmer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.CmerException;
import cmer.core.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HnswIndexTest {
    static final int D = ExactIndexTest.D;

    static List<List<Hit>> run(VectorIndex x, Predicate<String> filter) {
        List<List<Hit>> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) out.add(x.search(ExactIndexTest.query(i), 10, filter));
        return out;
    }

    @Test
    void recallAgainstExactOnASmallGalleryAndScoresAreCosines(@TempDir Path dir) {
        try (ExactIndex exact = ExactIndex.wrap(ExactIndexTest.IDS, ExactIndexTest.ROWS, D, 1);
             HnswIndex hnsw = HnswIndex.open(dir.resolve("g"), D, HnswIndex.Params.DEFAULT, 2)) {
            hnsw.addAll(ExactIndexTest.IDS, ExactIndexTest.ROWS, 2, ProgressListener.NONE);
            assertEquals(ExactIndexTest.N, hnsw.size());
            List<List<Hit>> truth = run(exact, null), approx = run(hnsw, null);
            double recall = SearchBenchmark.recall(truth, approx);
            assertTrue(recall >= 0.95, "recall@10 = " + recall);
            // same id → same cosine as the exact dot product (Lucene stores (1 + dot) / 2)
            Hit top = approx.get(0).get(0);
            Hit ref = truth.get(0).stream().filter(h -> h.id().equals(top.id())).findFirst().orElseThrow();
            assertEquals(ref.score(), top.score(), 1e-5f);
        }
    }

    @Test
    void filterIsAppliedDuringTheGraphSearch(@TempDir Path dir) {
        Predicate<String> rare = id -> Integer.parseInt(id.substring(3)) % 50 == 0;   // 2 % of the gallery
        try (ExactIndex exact = ExactIndex.wrap(ExactIndexTest.IDS, ExactIndexTest.ROWS, D, 1);
             HnswIndex hnsw = HnswIndex.open(dir, D, HnswIndex.Params.DEFAULT, 1)) {
            hnsw.addAll(ExactIndexTest.IDS, ExactIndexTest.ROWS, 1, ProgressListener.NONE);
            List<List<Hit>> truth = run(exact, rare), approx = run(hnsw, rare);
            approx.forEach(hits -> hits.forEach(h -> assertTrue(rare.test(h.id()), h.id())));
            assertEquals(10, approx.get(0).size());
            assertEquals(1.0, SearchBenchmark.recall(truth, approx), 1e-9, "a selective filter still finds the true top-k");
        }
    }

    @Test
    void reopensFromDiskWithTheSameIdsAndRejectsAnotherDimension(@TempDir Path dir) {
        float[] q = ExactIndexTest.query(3);
        List<Hit> before;
        try (HnswIndex h = HnswIndex.open(dir, D, HnswIndex.Params.DEFAULT, 1)) {
            for (int i = 0; i < 300; i++) h.add("x" + i, Arrays.copyOfRange(ExactIndexTest.ROWS, i * D, (i + 1) * D));
            before = h.search(q, 5);   // searching sees the added vectors (commit on demand)
            assertEquals(5, before.size());
        }
        try (HnswIndex again = HnswIndex.open(dir, D, HnswIndex.Params.DEFAULT, 1)) {
            assertEquals(300, again.size());
            assertEquals(before, again.search(q, 5));
        }
        CmerException e = assertThrows(CmerException.class, () -> HnswIndex.open(dir, D * 2, HnswIndex.Params.DEFAULT, 1));
        assertTrue(e.getMessage().contains(D + "-d vectors, expected " + 2 * D), e.getMessage());
    }

    @Test
    void factoryThresholdPicksExactForSmallArchives(@TempDir Path dir) throws Exception {
        assertTrue(VectorIndexes.forSize(VectorIndexes.EXACT_MAX, D, dir) instanceof ExactIndex);
        try (VectorIndex big = VectorIndexes.forSize(VectorIndexes.EXACT_MAX + 1, D, dir.resolve("h"))) {
            assertTrue(big instanceof HnswIndex);
        }
    }
}
