package cmer.search;

import cmer.core.CmerException;
import cmer.core.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code cmer bench search}: exact vs HNSW on seeded synthetic galleries ({@link SyntheticGallery}).
 * Per size: latency median / p99 over the queries (after a warm-up), heap in use, index bytes, HNSW build
 * time and recall@k of HNSW against the exact top-k. Built graphs are cached under {@code cache} keyed by
 * every input that shapes them, so a rerun measures search without rebuilding.
 */
public final class SearchBenchmark {
    /**
     * What to run. {@code candidates}: HNSW numCandidates values to try (one result row each); {@code quantizeBits},
     * {@code rerank}: see {@link HnswIndex.Params}; {@code merge}: search one merged graph instead of one per build thread.
     */
    public record Config(List<Integer> sizes, int dim, int queries, int k, int threads, int m, int beamWidth,
                         List<Integer> candidates, long seed, Path cache, int hnswMax, int quantizeBits, int rerank, boolean merge) {
        public Config(List<Integer> sizes, int dim, int queries, int k, int threads, int m, int beamWidth,
                      List<Integer> candidates, long seed, Path cache, int hnswMax) {
            this(sizes, dim, queries, k, threads, m, beamWidth, candidates, seed, cache, hnswMax, 0, 0, false);
        }
    }

    /**
     * One measured row; times in milliseconds, sizes in bytes. {@code *CpuMs}: process CPU time per query (all
     * threads, from the OS), which stays meaningful when other jobs share the cores and stretch wall time; HNSW columns NaN / -1 when the size is above {@code hnswMax}. */
    public record Row(int n, int candidates, double exactMedianMs, double exactP99Ms, double exactCpuMs, long exactBytes,
                      double hnswBuildS, boolean buildCached, double hnswMedianMs, double hnswP99Ms, double hnswCpuMs, long hnswBytes,
                      double recall, long heapUsedBytes) { }

    private static final int WARMUP = 100;
    private static final String BUILD_SECONDS = "build-seconds.txt";
    private static double lastCpuMsPerQuery;   // set by time(); the benchmark runs on one thread

    private SearchBenchmark() { }

    /** Runs the benchmark; {@code rows} receives each row as soon as it is measured. */
    public static List<Row> run(Config cfg, ProgressListener progress, java.util.function.Consumer<Row> rowsOut) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (int c : cfg.candidates()) new HnswIndex.Params(cfg.m(), cfg.beamWidth(), c, cfg.quantizeBits(), cfg.rerank());   // bad knobs fail before minutes of work
        for (int n : cfg.sizes()) {
            progress.progress(0, n, "generating " + n + " × " + cfg.dim() + " gallery");
            SyntheticGallery g = SyntheticGallery.forSize(n, cfg.dim(), cfg.seed());
            float[] gallery = g.sample(n, 1);
            float[] queries = g.sample(cfg.queries(), 2);
            List<String> ids = IntStream.range(0, n).mapToObj(i -> "v" + i).toList();
            try (ExactIndex exact = ExactIndex.wrap(ids, gallery, cfg.dim(), cfg.threads())) {
                progress.progress(0, cfg.queries(), "exact search, n=" + n);
                List<List<Hit>> truth = new ArrayList<>();
                double[] exactMs = time(exact, queries, cfg, truth);
                double exactCpu = lastCpuMsPerQuery;
                if (n > cfg.hnswMax()) {
                    Row r = new Row(n, 0, pct(exactMs, 50), pct(exactMs, 99), exactCpu, exact.indexBytes(), Double.NaN, false, Double.NaN, Double.NaN, Double.NaN, -1, Double.NaN, heapUsed());
                    rows.add(r);
                    rowsOut.accept(r);
                }
                for (int c : n > cfg.hnswMax() ? List.<Integer>of() : cfg.candidates()) {
                    HnswIndex.Params p = new HnswIndex.Params(cfg.m(), cfg.beamWidth(), c, cfg.quantizeBits(), cfg.rerank());
                    Graph built = graph(cfg, n, ids, gallery, p, progress);
                    try (HnswIndex hnsw = HnswIndex.open(built.folder(), cfg.dim(), p, cfg.threads())) {
                        if (hnsw.size() != n) throw new CmerException(built.folder() + ": cached graph holds " + hnsw.size() + " vectors, expected " + n + "; delete the folder");
                        progress.progress(0, cfg.queries(), "HNSW search, n=" + n + ", numCandidates=" + c);
                        List<List<Hit>> approx = new ArrayList<>();
                        double[] hnswMs = time(hnsw, queries, cfg, approx);
                        Row r = new Row(n, c, pct(exactMs, 50), pct(exactMs, 99), exactCpu, exact.indexBytes(), built.seconds(), built.cached(),
                                pct(hnswMs, 50), pct(hnswMs, 99), lastCpuMsPerQuery, hnsw.indexBytes(), recall(truth, approx), heapUsed());
                        rows.add(r);
                        rowsOut.accept(r);
                    }
                }
            }
        }
        return rows;
    }

    /** A cached graph: its folder and the wall / CPU seconds of the whole chain that built it. */
    record Graph(Path folder, double seconds, double cpuSeconds, boolean cached) { }

    /** Builds a graph into a fresh folder. */
    private interface Build { void into(Path folder) throws IOException; }

    /** Supplies the graph a variant is derived from (built only when the variant is not cached). */
    private interface Source { Graph get() throws IOException; }

    /**
     * The cached graph for these parameters, built first when missing: the float graph is built from the gallery
     * ({@code hnsw-n<N>-d<D>-seed<S>-m<M>-b<B>}); a quantized ({@code -q<bits>}) or merged ({@code -merged})
     * variant is derived from it with {@link HnswIndex#rewrite} (Lucene builds the graph of a quantized field from
     * the float vectors in both cases, so the graph is the same kind a direct build makes). Its seconds include
     * the float build it was derived from.
     */
    static Graph graph(Config cfg, int n, List<String> ids, float[] gallery, HnswIndex.Params p, ProgressListener progress) throws IOException {
        Path base = cfg.cache().resolve("hnsw-n" + n + "-d" + cfg.dim() + "-seed" + cfg.seed() + "-m" + p.m() + "-b" + p.beamWidth());
        HnswIndex.Params floats = new HnswIndex.Params(p.m(), p.beamWidth(), p.numCandidates());
        Source floatGraph = () -> cachedOrBuild(base, null, tmp -> {
            try (HnswIndex h = HnswIndex.open(tmp, cfg.dim(), floats, cfg.threads())) {
                h.addAll(ids, gallery, cfg.threads(), progress);
            }
        });
        if (p.quantizeBits() == 0 && !cfg.merge()) return floatGraph.get();
        Path folder = base.resolveSibling(base.getFileName() + (p.quantizeBits() != 0 ? "-q" + p.quantizeBits() : "") + (cfg.merge() ? "-merged" : ""));
        return cachedOrBuild(folder, floatGraph, tmp -> HnswIndex.rewrite(base, tmp, cfg.dim(), p, cfg.threads(), cfg.merge(), progress));
    }

    /**
     * {@code folder} as cached, or built by {@code build} (from {@code from}'s graph when not null) in a temporary
     * sibling and renamed, so an interrupted build never looks like a cached one. {@code build-seconds.txt}:
     * line 1 wall seconds, line 2 process CPU seconds (all threads), both including {@code from}'s build; line 3
     * for a derived graph: its own wall and CPU seconds.
     */
    private static Graph cachedOrBuild(Path folder, Source from, Build build) throws IOException {
        Path stamp = folder.resolve(BUILD_SECONDS);
        if (Files.isRegularFile(stamp)) {
            List<String> lines = Files.readAllLines(stamp);
            return new Graph(folder, Double.parseDouble(lines.get(0).strip()), lines.size() > 1 ? Double.parseDouble(lines.get(1).strip()) : Double.NaN, true);
        }
        Graph before = from == null ? new Graph(null, 0, 0, false) : from.get();
        Path tmp = folder.resolveSibling(folder.getFileName() + ".building");
        if (Files.exists(tmp)) try (var s = Files.walk(tmp)) { for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x); }
        Files.createDirectories(tmp);
        long t0 = System.nanoTime(), cpu0 = processCpuNanos();
        build.into(tmp);
        double own = (System.nanoTime() - t0) / 1e9, ownCpu = (processCpuNanos() - cpu0) / 1e9;
        Graph g = new Graph(folder, before.seconds() + own, before.cpuSeconds() + ownCpu, false);
        Files.writeString(tmp.resolve(BUILD_SECONDS), String.format(java.util.Locale.ROOT, "%.1f%n%.1f%n", g.seconds(), g.cpuSeconds())
                + (from != null ? String.format(java.util.Locale.ROOT, "rewrite %.1f s wall, %.1f s CPU%n", own, ownCpu) : ""));
        Files.move(tmp, folder);
        return g;
    }

    /** Per-query latency in ms (after up to {@link #WARMUP} unmeasured queries, so the JIT has compiled the search path); fills {@code results}. */
    private static double[] time(VectorIndex index, float[] queries, Config cfg, List<List<Hit>> results) {
        int d = cfg.dim(), nq = queries.length / d;
        for (int i = 0; i < Math.min(WARMUP, nq); i++) index.search(Arrays.copyOfRange(queries, i * d, (i + 1) * d), cfg.k());
        double[] ms = new double[nq];
        long cpu0 = processCpuNanos();
        for (int i = 0; i < nq; i++) {
            float[] q = Arrays.copyOfRange(queries, i * d, (i + 1) * d);
            long t = System.nanoTime();
            results.add(index.search(q, cfg.k()));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        lastCpuMsPerQuery = (processCpuNanos() - cpu0) / 1e6 / Math.max(1, nq);
        return ms;
    }

    /** Mean over queries of |approx ∩ exact| / |exact|. */
    static double recall(List<List<Hit>> exact, List<List<Hit>> approx) {
        double sum = 0;
        for (int i = 0; i < exact.size(); i++) {
            Set<String> truth = new HashSet<>();
            exact.get(i).forEach(h -> truth.add(h.id()));
            long found = approx.get(i).stream().filter(h -> truth.contains(h.id())).count();
            sum += truth.isEmpty() ? 1 : (double) found / truth.size();
        }
        return exact.isEmpty() ? 1 : sum / exact.size();
    }

    /** Nearest-rank percentile. */
    static double pct(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        if (s.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p / 100 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static long heapUsed() {
        Runtime r = Runtime.getRuntime();
        System.gc();
        return r.totalMemory() - r.freeMemory();
    }
}
