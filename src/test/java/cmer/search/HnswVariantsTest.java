package cmer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scalar-quantized graphs with exact re-ranking, and rewriting a graph into another format or one segment. */
class HnswVariantsTest {
    static final int D = ExactIndexTest.D;
    /** Generous for 2,000 vectors in 2 segments: the graph walk sees most of each query's cluster. */
    static final HnswIndex.Params Q7 = new HnswIndex.Params(16, 64, 200, 7, 50);

    @Test
    void quantizedGraphWithRerankReturnsTheExactTopKAndScores(@TempDir Path dir) {
        try (ExactIndex exact = ExactIndex.wrap(ExactIndexTest.IDS, ExactIndexTest.ROWS, D, 1);
             HnswIndex q = HnswIndex.open(dir, D, Q7, 2)) {
            q.addAll(ExactIndexTest.IDS, ExactIndexTest.ROWS, 2, ProgressListener.NONE);
            assertEquals(2, q.segments());
            // re-scored with the same float dot product as the exact scan: equal ids, order and scores
            assertEquals(HnswIndexTest.run(exact, null), HnswIndexTest.run(q, null));
        }
    }

    @Test
    void withoutRerankTheQuantizedScoresAreOnlyApproximate(@TempDir Path dir) {
        try (ExactIndex exact = ExactIndex.wrap(ExactIndexTest.IDS, ExactIndexTest.ROWS, D, 1);
             HnswIndex q = HnswIndex.open(dir, D, Q7.withQuantization(7, 0), 1)) {
            q.addAll(ExactIndexTest.IDS, ExactIndexTest.ROWS, 1, ProgressListener.NONE);
            List<List<Hit>> truth = HnswIndexTest.run(exact, null), approx = HnswIndexTest.run(q, null);
            assertTrue(SearchBenchmark.recall(truth, approx) >= 0.9, "recall " + SearchBenchmark.recall(truth, approx));
            Hit top = approx.get(0).get(0);
            float ref = ExactIndex.dot(ExactIndexTest.query(0), ExactIndexTest.ROWS, Integer.parseInt(top.id().substring(3)) * D, D);
            assertEquals(ref, top.score(), 0.05f, "a 7-bit score is close to the cosine");
            assertTrue(ref != top.score(), "but not the float cosine itself, which is what rerank is for");
        }
    }

    @Test
    void aQuantizedIndexReopensFromDiskWithItsQuantizedVectors(@TempDir Path dir) {
        List<List<Hit>> before;
        try (HnswIndex q = HnswIndex.open(dir, D, Q7, 1)) {
            q.addAll(ExactIndexTest.IDS.subList(0, 500), java.util.Arrays.copyOf(ExactIndexTest.ROWS, 500 * D), 1, ProgressListener.NONE);
            before = HnswIndexTest.run(q, null);
        }
        try (HnswIndex again = HnswIndex.open(dir, D, HnswIndex.Params.DEFAULT.withQuantization(0, 50), 1)) {
            assertEquals(List.of("Lucene99HnswScalarQuantizedVectorsFormat"), again.vectorFormats(), "the segment says how it was written");
            assertEquals(500, again.size());
            assertEquals(before, HnswIndexTest.run(again, null));
        }
    }

    @Test
    void rewriteQuantizesSegmentBySegmentOrMergesIntoOneGraph(@TempDir Path dir) {
        HnswIndex.Params f = new HnswIndex.Params(16, 64, 200);
        List<List<Hit>> truth;
        try (ExactIndex exact = ExactIndex.wrap(ExactIndexTest.IDS, ExactIndexTest.ROWS, D, 1);
             HnswIndex h = HnswIndex.open(dir.resolve("float"), D, f, 2)) {
            h.addAll(ExactIndexTest.IDS, ExactIndexTest.ROWS, 2, ProgressListener.NONE);
            truth = HnswIndexTest.run(exact, null);
        }
        HnswIndex.rewrite(dir.resolve("float"), dir.resolve("q7"), D, Q7, 1, false, ProgressListener.NONE);
        HnswIndex.rewrite(dir.resolve("float"), dir.resolve("merged"), D, f, 1, true, ProgressListener.NONE);
        try (HnswIndex q = HnswIndex.open(dir.resolve("q7"), D, Q7, 1);
             HnswIndex m = HnswIndex.open(dir.resolve("merged"), D, f.withQuantization(0, 50), 1)) {
            assertEquals(List.of("Lucene99HnswScalarQuantizedVectorsFormat", "Lucene99HnswScalarQuantizedVectorsFormat"), q.vectorFormats());
            assertEquals(List.of("Lucene99HnswVectorsFormat"), m.vectorFormats());
            assertEquals(ExactIndexTest.N, q.size());
            assertEquals(ExactIndexTest.N, m.size());
            assertEquals(truth, HnswIndexTest.run(q, null));
            assertEquals(truth, HnswIndexTest.run(m, null));
        }
    }

    @Test
    void paramsRejectUnsupportedBitsAndNegativeRerank() {
        assertThrows(IllegalArgumentException.class, () -> new HnswIndex.Params(16, 64, 100, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> new HnswIndex.Params(16, 64, 100, 7, -1));
        assertEquals(new HnswIndex.Params(16, 64, 100, 0, 0), new HnswIndex.Params(16, 64, 100));
        assertEquals(7, HnswIndex.Params.DEFAULT.withQuantization(7, 20).quantizeBits());
    }
}
