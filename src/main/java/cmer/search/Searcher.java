package cmer.search;

import cmer.core.CmerException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Text → image search over an {@link ArchiveIndex}. Score: {@code sim(q, v) + β·log P(scene(v) | q)} (CMER-METHOD.md;
 * β = 0: plain cosine), where P(·|q) is the query's scene distribution and scene(v) the image's scene (its label when
 * it is one of the index's scenes, else its most probable scene). Filters: hard scene filter (named scenes, or the
 * query's top-k scenes) and a WGS84 bounding box. Refuses an index built with another model.
 */
public final class Searcher implements AutoCloseable {
    /**
     * @param text      the query
     * @param k         hits wanted
     * @param scenes    keep only images of these scenes (empty: no filter)
     * @param topScenes keep only images whose scene is among the query's k most probable scenes (0: off)
     * @param beta      weight of the scene prior (0: off)
     * @param bbox      {minLon, minLat, maxLon, maxLat} the footprint must overlap, or null
     */
    public record Query(String text, int k, List<String> scenes, int topScenes, double beta, double[] bbox) {
        public Query {
            if (k < 1) throw new CmerException("--top must be >= 1, not " + k, CmerException.USAGE, null);
            if (!(beta >= 0) || !Double.isFinite(beta)) throw new CmerException("--scene-aware β must be a number >= 0, not " + beta, CmerException.USAGE, null);
            if (topScenes < 0) throw new CmerException("--top-scenes must be >= 0", CmerException.USAGE, null);
            scenes = scenes == null ? List.of() : List.copyOf(scenes);
            if (bbox != null && (bbox.length != 4 || bbox[0] > bbox[2] || bbox[1] > bbox[3]))
                throw new CmerException("--bbox must be lon1,lat1,lon2,lat2 with lon1 <= lon2 and lat1 <= lat2", CmerException.USAGE, null);
        }

        public static Query of(String text, int k) { return new Query(text, k, List.of(), 0, 0, null); }
    }

    /** One hit: {@code score = similarity + beta · sceneLogProb}. */
    public record Result(int rank, double score, double similarity, double sceneLogProb, IndexEntry entry) { }

    private final ArchiveIndex index;
    private final ArchiveIndex.Gallery gallery;
    private final SceneSet scenes;
    private final int[] sceneOf;
    private final VectorIndex vectors;
    private final Embedder embedder;

    private Searcher(ArchiveIndex index, Embedder embedder, Boolean hnsw) {
        this.index = index;
        this.embedder = embedder;
        var h = index.header();
        if (!h.modelIdentity().equals(embedder.identity()))
            throw new CmerException("index " + index.dir() + " was built with " + h.model() + " (id " + h.modelIdentity() + "), but the model given is "
                    + embedder.description() + " (id " + embedder.identity() + "): query embeddings of another model are not comparable. "
                    + "Search with --model " + (h.modelPath().isEmpty() ? "(the sample model: leave --model out)" : h.modelPath()) + " or re-index", CmerException.USAGE, null);
        gallery = index.read();
        scenes = new SceneSet(h.scenes(), h.sceneEmbeddings(), h.scale());
        sceneOf = new int[gallery.size()];
        for (int i = 0; i < sceneOf.length; i++) sceneOf[i] = Math.max(0, scenes.indexOf(gallery.entries().get(i).scene()));
        vectors = hnsw == null ? SearchIndex.open(index, gallery) : SearchIndex.open(index, gallery, hnsw);
    }

    public static Searcher open(Path indexDir, Embedder embedder) { return new Searcher(ArchiveIndex.open(indexDir), embedder, null); }

    /** With the HNSW graph (true) or exact search (false) whatever the archive's size: for tests and benchmarks. */
    static Searcher open(Path indexDir, Embedder embedder, boolean hnsw) { return new Searcher(ArchiveIndex.open(indexDir), embedder, hnsw); }

    /** The model an index was built with, for {@link Embedder#open}: null = the sample model. */
    public static Path modelOf(Path indexDir) {
        String p = ArchiveIndex.open(indexDir).header().modelPath();
        return p.isEmpty() ? null : Path.of(p);
    }

    public ArchiveIndex index() { return index; }

    public SceneSet scenes() { return scenes; }

    public int size() { return gallery.size(); }

    /** "exact" or "hnsw". */
    public String method() { return vectors instanceof HnswIndex ? "hnsw" : "exact"; }

    public Embedder embedder() { return embedder; }

    public List<Result> search(Query q) { return search(q, embedder.text(q.text())); }

    /** Search with a query embedding (unit length) already computed. */
    public List<Result> search(Query q, float[] qv) {
        float[] pq = scenes.distribution(qv);
        IntPredicate keep = filter(q, pq);
        double[] logp = new double[pq.length];
        for (int s = 0; s < pq.length; s++) logp[s] = Math.log(Math.max(pq[s], 1e-30));
        int want = q.beta() > 0 ? Math.max(4 * q.k(), 64) : q.k();
        while (true) {
            List<Hit> hits = vectors.search(qv, want, id -> keep.test(Integer.parseInt(id)));
            List<Result> rs = new ArrayList<>(hits.size());
            for (Hit h : hits) {
                int ord = Integer.parseInt(h.id());
                double lp = logp[sceneOf[ord]];
                rs.add(new Result(0, score(h.score(), q.beta(), lp), h.score(), lp, gallery.entries().get(ord)));
            }
            rs.sort(Comparator.comparingDouble(Result::score).reversed());
            // The scene term is <= 0, so an image outside the candidates scores at most its cosine, which is at most the
            // last candidate's: once the k-th score reaches that, more candidates cannot change the top k.
            boolean exhausted = hits.size() < want;
            boolean settled = q.beta() == 0 || exhausted || rs.size() >= q.k() && rs.get(q.k() - 1).score() >= hits.get(hits.size() - 1).score();
            if (settled || want >= gallery.size()) {
                List<Result> out = new ArrayList<>();
                for (int i = 0; i < Math.min(q.k(), rs.size()); i++) {
                    Result r = rs.get(i);
                    out.add(new Result(i + 1, r.score(), r.similarity(), r.sceneLogProb(), r.entry()));
                }
                return out;
            }
            want = (int) Math.min(gallery.size(), 4L * want);
        }
    }

    /** The ranking score of CMER-METHOD.md: {@code sim + β·log P(scene(v) | q)}. */
    public static double score(double similarity, double beta, double logSceneProb) {
        return beta == 0 ? similarity : similarity + beta * logSceneProb;
    }

    /** The query's scene distribution, {@code float[S]} in {@link SceneSet#names()} order. */
    public float[] sceneDistribution(float[] qv) { return scenes.distribution(qv); }

    private IntPredicate filter(Query q, float[] pq) {
        Set<Integer> allowed = null;
        if (!q.scenes().isEmpty()) {
            allowed = new HashSet<>();
            for (String s : q.scenes()) {
                int i = scenes.indexOf(s);
                if (i < 0) throw new CmerException("scene '" + s + "' is not one of this index's scenes: " + String.join(", ", scenes.names()), CmerException.USAGE, null);
                allowed.add(i);
            }
        }
        if (q.topScenes() > 0) {
            Integer[] order = new Integer[pq.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            java.util.Arrays.sort(order, (a, b) -> Float.compare(pq[b], pq[a]));
            Set<Integer> top = new HashSet<>(List.of(order).subList(0, Math.min(q.topScenes(), order.length)));
            if (allowed == null) allowed = top;
            else allowed.retainAll(top);
        }
        Set<Integer> sceneSet = allowed;
        double[] bbox = q.bbox();
        return ord -> (sceneSet == null || sceneSet.contains(sceneOf[ord])) && (bbox == null || gallery.entries().get(ord).intersects(bbox));
    }

    @Override
    public void close() { vectors.close(); }
}
