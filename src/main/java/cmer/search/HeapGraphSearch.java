package cmer.search;

import cmer.core.CmerException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * Walks each segment's Lucene HNSW graph (Lucene's own {@link HnswGraphSearcher}, same graph, same walk) but
 * scores a node with {@link ExactIndex#dot} on float rows the caller already holds on the heap
 * ({@code rows[ord * d ..]}, {@code ord} = insertion ordinal), instead of Lucene's scorer, which on Java 17
 * copies each 2 KiB vector out of the memory-mapped file before a scalar dot product. Why not Lucene's
 * public query: its scorer is chosen by the codec and cannot be swapped at search time. Segments are walked
 * in parallel; each keeps its {@code candidates} best; the k best overall are returned (exact cosines).
 * Unfiltered queries only (a filtered query needs Lucene's exact-scan fallback, see {@link OrdinalFilterQuery}).
 */
final class HeapGraphSearch {
    private HeapGraphSearch() { }

    /** The k best {@code (ord, cosine)} over all segments, best first: ords[k], scoresOut[k]. */
    static int[] search(List<LeafReaderContext> leaves, String field, int[] docToOrd, float[] rows, int dim, float[] query,
                        int k, int candidates, ExecutorService pool, float[][] scoresOut) throws IOException {
        TopK best = new TopK(k);
        List<Future<TopK>> parts = new ArrayList<>();
        boolean parallel = pool != null && leaves.size() > 1;
        for (int i = parallel ? 1 : leaves.size(); i < leaves.size(); i++) {
            LeafReaderContext leaf = leaves.get(i);
            parts.add(pool.submit(() -> walk(leaf, field, docToOrd, rows, dim, query, k, candidates)));
        }
        for (int i = 0; i < (parallel ? 1 : leaves.size()); i++)   // the caller walks the first segment (all of them without a pool)
            best.addAll(walk(leaves.get(i), field, docToOrd, rows, dim, query, k, candidates));
        for (Future<TopK> f : parts) {
            try {
                best.addAll(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CmerException("search interrupted", CmerException.INTERRUPTED, e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) throw io;
                throw new IllegalStateException(e.getCause());
            }
        }
        scoresOut[0] = new float[best.size()];
        return best.drainBestFirst(scoresOut[0]);
    }

    private static TopK walk(LeafReaderContext leaf, String field, int[] docToOrd, float[] rows, int dim, float[] query,
                             int k, int candidates) throws IOException {
        TopK top = new TopK(k);
        HnswGraph graph = graph(leaf, field);
        if (graph == null || graph.size() == 0) return top;
        int base = leaf.docBase, size = graph.size();
        RandomVectorScorer scorer = new RandomVectorScorer() {   // node = doc within the segment (dense, no deletions)
            @Override public float score(int node) { return ExactIndex.dot(query, rows, docToOrd[base + node] * dim, dim); }
            @Override public int maxOrd() { return size; }
        };
        TopKnnCollector collector = new TopKnnCollector(candidates, Integer.MAX_VALUE);
        HnswGraphSearcher.search(scorer, collector, graph, null);
        for (ScoreDoc sd : collector.topDocs().scoreDocs) top.offer(docToOrd[base + sd.doc], sd.score);
        return top;
    }

    private static HnswGraph graph(LeafReaderContext leaf, String field) throws IOException {
        if (!(leaf.reader() instanceof CodecReader cr)) return null;
        KnnVectorsReader r = cr.getVectorReader();
        if (r instanceof PerFieldKnnVectorsFormat.FieldsReader pf) r = pf.getFieldReader(field);
        if (!(r instanceof HnswGraphProvider p))
            throw new CmerException("segment " + leaf.ord + " has no HNSW graph for field '" + field + "' (reader " + r + ")");
        if (leaf.reader().hasDeletions()) throw new CmerException("segment " + leaf.ord + " has deletions; heap-scored graph walks need dense segments");
        return p.getGraph(field);
    }
}
