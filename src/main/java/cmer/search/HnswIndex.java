package cmer.search;

import cmer.core.CmerException;
import cmer.core.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Approximate search on Lucene's HNSW graph ({@link KnnFloatVectorField}, {@code DOT_PRODUCT} on unit
 * vectors). Each document holds the vector, the insertion ordinal (doc values: doc → id without reading
 * stored fields on the query path) and the id (stored, to rebuild the id list when reopened). On disk the
 * index is a Lucene directory: a commit writes new files and switches {@code segments_N} last, so a crash
 * leaves the previous commit intact (atomic by Lucene's design).
 */
public final class HnswIndex implements VectorIndex {
    static final String VECTOR = "v", ORD = "ord", ID = "id";

    /**
     * Graph and query knobs. {@code m}: links per node; {@code beamWidth}: candidates while inserting;
     * {@code numCandidates}: candidates kept while searching (recall vs latency; at least k);
     * {@code quantizeBits}: 0 = the graph is walked on float32 vectors, 7 (or 4) = on Lucene's scalar-quantized
     * copies (int8 per dimension: a quarter of the bytes per distance; the float vectors stay in the index);
     * {@code rerank}: 0 = return the graph's scores, r &gt; 0 = re-score the best max(k, r) graph results with
     * the exact float dot product and keep the k best (undoes the quantization error in the final order).
     */
    public record Params(int m, int beamWidth, int numCandidates, int quantizeBits, int rerank) {
        /**
         * Chosen by measurement (docs/notes/search.md, `cmer bench search --sizes 1000000 --m 32 --beam-width 128`):
         * at 1M clustered 512-d vectors M 32 / beamWidth 128 gives recall@10 0.99 at numCandidates 100 in 4.5 ms median
         * (M 16 / 64 needed 800 candidates and 13 ms for 0.95); the price is a 2× longer build (3,891 s vs 1,871 s).
         */
        public static final Params DEFAULT = new Params(32, 128, 100, 0, 0);

        public Params {
            if (m < 2 || m > Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN) throw new IllegalArgumentException("HNSW m out of range: " + m);
            if (beamWidth < 1 || beamWidth > Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH) throw new IllegalArgumentException("HNSW beamWidth out of range: " + beamWidth);
            if (numCandidates < 1) throw new IllegalArgumentException("HNSW numCandidates must be positive: " + numCandidates);
            if (quantizeBits != 0 && quantizeBits != 4 && quantizeBits != 7)
                throw new IllegalArgumentException("HNSW quantizeBits must be 0 (float32), 4 or 7: " + quantizeBits);
            if (rerank < 0) throw new IllegalArgumentException("HNSW rerank must be 0 (off) or positive: " + rerank);
        }

        public Params(int m, int beamWidth, int numCandidates) { this(m, beamWidth, numCandidates, 0, 0); }

        public Params withNumCandidates(int n) { return new Params(m, beamWidth, n, quantizeBits, rerank); }

        public Params withQuantization(int bits, int rerankCount) { return new Params(m, beamWidth, numCandidates, bits, rerankCount); }
    }

    private final Directory directory;
    private final IndexWriter writer;
    private final ExecutorService mergePool;
    private final ExecutorService searchPool;
    private final int dim;
    private final Params params;
    private final List<String> ids = new ArrayList<>();
    private DirectoryReader reader;
    private IndexSearcher searcher;
    private int[] docToOrd = new int[0];
    private boolean dirty;

    private HnswIndex(Directory directory, int dim, Params params, int threads) throws IOException {
        this.directory = directory;
        this.dim = dim;
        this.params = params;
        this.mergePool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> daemon(r, "cmer-hnsw-merge")) : null;
        this.searchPool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> daemon(r, "cmer-hnsw-search")) : null;
        KnnVectorsFormat format = params.quantizeBits() == 0
                ? new Lucene99HnswVectorsFormat(params.m(), params.beamWidth(), Math.max(1, threads), mergePool)
                // confidenceInterval null: Lucene's default quantile for the dimension; compress off (one value per byte)
                : new Lucene99HnswScalarQuantizedVectorsFormat(params.m(), params.beamWidth(), Math.max(1, threads), params.quantizeBits(), false, null, mergePool);
        IndexWriterConfig cfg = new IndexWriterConfig()
                .setCodec(new Lucene912Codec() {
                    @Override public KnnVectorsFormat getKnnVectorsFormatForField(String field) { return format; }
                })
                // no flush before commit (up to ~2 GB per thread): one segment, built once, per indexing thread
                .setRAMBufferSizeMB(4000).setRAMPerThreadHardLimitMB(2000)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        this.writer = new IndexWriter(directory, cfg);
        this.writer.setLiveCommitData(Map.of("dim", "" + dim, "m", "" + params.m(), "beamWidth", "" + params.beamWidth(), "quantizeBits", "" + params.quantizeBits()).entrySet());
        loadIds();
    }

    /** An empty index in memory. */
    public static HnswIndex inMemory(int dim, Params params) {
        return create(new ByteBuffersDirectory(), dim, params, 1);
    }

    /**
     * Opens (or creates) an index folder. {@code threads} cores build and merge the graph.
     * An existing folder must hold vectors of the same dimension.
     */
    public static HnswIndex open(Path folder, int dim, Params params, int threads) {
        try {
            return create(FSDirectory.open(folder), dim, params, threads);
        } catch (IOException e) {
            throw new CmerException("cannot open HNSW index " + folder + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    private static HnswIndex create(Directory dir, int dim, Params params, int threads) {
        try {
            HnswIndex x = new HnswIndex(dir, dim, params, threads);
            int found = x.storedDim();
            if (found != 0 && found != dim) {
                x.close();
                throw new CmerException("HNSW index " + dir + " holds " + found + "-d vectors, expected " + dim + "-d");
            }
            return x;
        } catch (IOException e) {
            throw new CmerException("cannot open HNSW index " + dir + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    @Override public int dim() { return dim; }

    @Override public synchronized int size() { return ids.size(); }

    public Params params() { return params; }

    @Override
    public void add(String id, float[] vector) {
        VectorIndex.checkUnit("embedding of '" + id + "'", vector, dim);
        int ord;
        synchronized (this) {
            ord = ids.size();
            ids.add(id);
            dirty = true;
        }
        try {
            writer.addDocument(doc(id, ord, vector));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds rows {@code float[n * d]} from {@code threads} threads (IndexWriter is thread-safe: each thread
     * fills its own segment and graph). The segments are not force-merged: a merge re-inserts every vector
     * but the largest segment's into its graph (about half the build again on 2 threads), while a query
     * walks the per-thread graphs in parallel on the same cores (measured: docs/notes/search.md).
     */
    public void addAll(List<String> newIds, float[] rows, int threads, ProgressListener progress) {
        int n = newIds.size(), base;
        synchronized (this) {
            base = ids.size();
            ids.addAll(newIds);
            dirty = true;
        }
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> daemon(r, "cmer-hnsw-build"));
        try {
            List<Future<?>> parts = new ArrayList<>();
            int t = Math.max(1, threads);
            for (int p = 0; p < t; p++) {
                int from = (int) ((long) n * p / t), to = (int) ((long) n * (p + 1) / t);
                parts.add(pool.submit(() -> {
                    float[] v = new float[dim];
                    for (int i = from; i < to; i++) {
                        System.arraycopy(rows, i * dim, v, 0, dim);
                        VectorIndex.checkUnit("embedding of '" + newIds.get(i) + "'", v, dim);
                        writer.addDocument(doc(newIds.get(i), base + i, v));
                        long d = done.incrementAndGet();
                        if (d % 10_000 == 0) progress.progress(d, n, "inserting into HNSW graph");
                    }
                    return null;
                }));
            }
            for (Future<?> f : parts) f.get();
            progress.progress(n, n, "committing");
            commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CmerException("HNSW build interrupted", CmerException.INTERRUPTED, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof CmerException ce ? ce
                    : new CmerException("HNSW build failed: " + e.getCause(), CmerException.IO, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Makes everything added visible to search and durable on disk. */
    public synchronized void commit() {
        try {
            writer.commit();
            refresh();
        } catch (IOException e) {
            throw new CmerException("cannot commit HNSW index " + directory + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    @Override
    public List<Hit> search(float[] query, int k, Predicate<String> filter) {
        VectorIndex.checkUnit("query", query, dim);
        if (k <= 0) return List.of();
        IndexSearcher s;
        int[] d2o;
        synchronized (this) {
            if (dirty) commit();
            s = searcher;
            d2o = docToOrd;
        }
        if (s == null) return List.of();
        int fetch = params.rerank() > 0 ? Math.max(k, params.rerank()) : k;
        int candidates = Math.max(fetch, params.numCandidates());
        KnnFloatVectorQuery q = filter == null ? new KnnFloatVectorQuery(VECTOR, query, candidates)
                : new KnnFloatVectorQuery(VECTOR, query, candidates, new OrdinalFilterQuery(d2o, ord -> filter.test(idOf(ord))));
        try {
            TopDocs top = s.search(q, fetch);
            if (params.rerank() > 0) return rerank(s, top.scoreDocs, query, k, d2o);
            List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) hits.add(new Hit(idOf(d2o[sd.doc]), 2 * sd.score - 1));  // Lucene scores dot as (1 + dot) / 2
            return hits;
        } catch (IOException e) {
            throw new CmerException("HNSW search failed on " + directory + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    /**
     * The k best of {@code docs} by the exact float dot product with {@code query}, read from the float vectors
     * the index keeps next to the quantized ones (docs visited in increasing order per segment, as Lucene's
     * forward-only vector iterators require): hits[k] best first.
     */
    private List<Hit> rerank(IndexSearcher s, ScoreDoc[] docs, float[] query, int k, int[] d2o) throws IOException {
        int[] sorted = new int[docs.length];
        for (int i = 0; i < docs.length; i++) sorted[i] = docs[i].doc;
        java.util.Arrays.sort(sorted);
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        TopK best = new TopK(Math.max(1, k));
        int leafIdx = -1;
        FloatVectorValues values = null;
        for (int doc : sorted) {
            int li = ReaderUtil.subIndex(doc, leaves);
            if (li != leafIdx) {
                leafIdx = li;
                values = leaves.get(li).reader().getFloatVectorValues(VECTOR);
            }
            int local = doc - leaves.get(li).docBase;
            if (values.advance(local) != local) throw new CmerException("HNSW index " + directory + ": no vector for document " + doc);
            best.offer(d2o[doc], ExactIndex.dot(query, values.vectorValue(), 0, dim));
        }
        float[] scores = new float[best.size()];
        int[] ords = best.drainBestFirst(scores);
        List<Hit> hits = new ArrayList<>(ords.length);
        for (int i = 0; i < ords.length; i++) hits.add(new Hit(idOf(ords[i]), scores[i]));
        return hits;
    }

    /**
     * Copies the index in {@code from} into a new index in {@code to} written with {@code params}' vector format.
     * {@code merge} false: segment by segment ({@code addIndexes} of a single segment keeps its graph and only
     * rewrites the vectors, e.g. adds the quantized copies: minutes instead of a rebuild), same segment count;
     * true: all segments into one graph (Lucene keeps the largest segment's graph and inserts the others' vectors).
     */
    public static void rewrite(Path from, Path to, int dim, Params params, int threads, boolean merge, ProgressListener progress) {
        try (Directory src = FSDirectory.open(from); DirectoryReader r = DirectoryReader.open(src);
             HnswIndex target = open(to, dim, params, threads)) {
            if (target.size() != 0) throw new CmerException("cannot rewrite into " + to + ": it already holds an index");
            List<CodecReader> segments = new ArrayList<>();
            for (LeafReaderContext leaf : r.leaves()) segments.add((CodecReader) leaf.reader());
            progress.progress(0, segments.size(), merge ? "merging HNSW segments into one graph" : "rewriting HNSW segments");
            if (merge) target.writer.addIndexes(segments.toArray(new CodecReader[0]));
            else for (CodecReader c : segments) target.writer.addIndexes(c);
            target.writer.commit();
            progress.progress(segments.size(), segments.size(), "rewritten");
        } catch (IOException e) {
            throw new CmerException("cannot rewrite HNSW index " + from + " into " + to + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    /** The Lucene vector format name of each segment, e.g. {@code Lucene99HnswScalarQuantizedVectorsFormat}. */
    public synchronized List<String> vectorFormats() {
        List<String> out = new ArrayList<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            var info = leaf.reader().getFieldInfos().fieldInfo(VECTOR);
            out.add(info == null ? "none" : info.getAttribute("PerFieldKnnVectorsFormat.format"));
        }
        return out;
    }

    /** Number of segments (independent graphs) a query walks. */
    public synchronized int segments() { return reader == null ? 0 : reader.leaves().size(); }

    @Override
    public long indexBytes() {
        try {
            long sum = 0;
            for (String f : directory.listAll()) sum += directory.fileLength(f);
            return sum;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (reader != null) reader.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new CmerException("cannot close HNSW index " + directory + ": " + e.getMessage(), CmerException.IO, e);
        } finally {
            if (mergePool != null) mergePool.shutdownNow();
            if (searchPool != null) searchPool.shutdownNow();
        }
    }

    private synchronized String idOf(int ord) { return ids.get(ord); }

    private Document doc(String id, int ord, float[] v) {
        Document d = new Document();
        d.add(new KnnFloatVectorField(VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
        d.add(new NumericDocValuesField(ORD, ord));
        d.add(new StoredField(ID, id));
        return d;
    }

    /** Reopens the reader and rebuilds the global doc → ordinal table (4 bytes per vector). */
    private void refresh() throws IOException {
        DirectoryReader fresh = reader == null ? DirectoryReader.open(writer) : DirectoryReader.openIfChanged(reader, writer);
        if (fresh != null) {
            if (reader != null) reader.close();
            reader = fresh;
            searcher = searchPool == null ? new IndexSearcher(reader) : new IndexSearcher(reader, searchPool);
            searcher.setQueryCache(null);   // filters are one-off predicates; caching them only costs memory
            int[] table = new int[reader.maxDoc()];
            for (LeafReaderContext leaf : reader.leaves()) {
                NumericDocValues ords = leaf.reader().getNumericDocValues(ORD);
                for (int doc = ords == null ? NumericDocValues.NO_MORE_DOCS : ords.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = ords.nextDoc())
                    table[leaf.docBase + doc] = (int) ords.longValue();
            }
            docToOrd = table;
        }
        dirty = false;
    }

    /** After opening an existing folder: the ids in ordinal order, from the stored fields. */
    private void loadIds() throws IOException {
        refresh();
        if (reader.maxDoc() == 0) return;
        String[] byOrd = new String[reader.maxDoc()];
        var stored = reader.storedFields();
        for (int doc = 0; doc < reader.maxDoc(); doc++) byOrd[docToOrd[doc]] = stored.document(doc).get(ID);
        ids.addAll(List.of(byOrd));
    }

    private int storedDim() {
        for (LeafReaderContext leaf : reader.leaves()) {
            var info = leaf.reader().getFieldInfos().fieldInfo(VECTOR);
            if (info != null) return info.getVectorDimension();
        }
        return 0;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
