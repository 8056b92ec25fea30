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
                    double[] build = new double[1];
                    boolean[] cached = new boolean[1];
                    Path folder = graph(cfg, n, ids, gallery, p, build, cached, progress);
                    try (HnswIndex hnsw = HnswIndex.open(folder, cfg.dim(), p, cfg.threads())) {
                        if (hnsw.size() != n) throw new CmerException(folder + ": cached graph holds " + hnsw.size() + " vectors, expected " + n + "; delete the folder");
                        progress.progress(0, cfg.queries(), "HNSW search, n=" + n + ", numCandidates=" + c);
                        List<List<Hit>> approx = new ArrayList<>();
                        double[] hnswMs = time(hnsw, queries, cfg, approx);
                        Row r = new Row(n, c, pct(exactMs, 50), pct(exactMs, 99), exactCpu, exact.indexBytes(), build[0], cached[0],
                                pct(hnswMs, 50), pct(hnswMs, 99), lastCpuMsPerQuery, hnsw.indexBytes(), recall(truth, approx), heapUsed());
                        rows.add(r);
                        rowsOut.accept(r);
                    }
                }
            }
        }
        return rows;
    }

    /**
     * The cached graph folder for these parameters, built first when missing: the float graph is built from the
     * gallery ({@code hnsw-n<N>-d<D>-seed<S>-m<M>-b<B>}); a quantized ({@code -q<bits>}) or merged ({@code -merged})
     * variant is derived from it with {@link HnswIndex#rewrite} (Lucene builds the graph of a quantized field from
     * the float vectors in both cases, so the graph is the same kind a direct build makes). {@code seconds[0]}:
     * wall seconds of the whole chain (float build + rewrite).
     */
    static Path graph(Config cfg, int n, List<String> ids, float[] gallery, HnswIndex.Params p, double[] seconds,
                      boolean[] cached, ProgressListener progress) throws IOException {
        Path base = cfg.cache().resolve("hnsw-n" + n + "-d" + cfg.dim() + "-seed" + cfg.seed() + "-m" + p.m() + "-b" + p.beamWidth());
        boolean derived = p.quantizeBits() != 0 || cfg.merge();
        Path folder = derived ? base.resolveSibling(base.getFileName() + (p.quantizeBits() != 0 ? "-q" + p.quantizeBits() : "") + (cfg.merge() ? "-merged" : "")) : base;
        cached[0] = Files.isRegularFile(folder.resolve(BUILD_SECONDS));
        if (cached[0]) {
            seconds[0] = Double.parseDouble(Files.readAllLines(folder.resolve(BUILD_SECONDS)).get(0).strip());
            return folder;
        }
        double before = 0, cpuBefore = 0;
        if (derived) {
            boolean[] baseCached = new boolean[1];
            double[] baseSeconds = new double[1];
            graph(new Config(cfg.sizes(), cfg.dim(), cfg.queries(), cfg.k(), cfg.threads(), cfg.m(), cfg.beamWidth(), cfg.candidates(),
                    cfg.seed(), cfg.cache(), cfg.hnswMax()), n, ids, gallery, new HnswIndex.Params(p.m(), p.beamWidth(), p.numCandidates()), baseSeconds, baseCached, progress);
            List<String> lines = Files.readAllLines(base.resolve(BUILD_SECONDS));
            before = Double.parseDouble(lines.get(0).strip());
            cpuBefore = lines.size() > 1 ? Double.parseDouble(lines.get(1).strip()) : Double.NaN;
        }
        // build in a temporary sibling and rename: an interrupted build never looks like a cached one
        Path tmp = folder.resolveSibling(folder.getFileName() + ".building");
        if (Files.exists(tmp)) try (var s = Files.walk(tmp)) { for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x); }
        Files.createDirectories(tmp);
        long t0 = System.nanoTime(), cpu0 = processCpuNanos();
        if (derived) {
            HnswIndex.rewrite(base, tmp, cfg.dim(), p, cfg.threads(), cfg.merge(), progress);
        } else {
            try (HnswIndex h = HnswIndex.open(tmp, cfg.dim(), p, cfg.threads())) {
                h.addAll(ids, gallery, cfg.threads(), progress);
            }
        }
        double own = (System.nanoTime() - t0) / 1e9, ownCpu = (processCpuNanos() - cpu0) / 1e9;
        seconds[0] = before + own;
        // line 1: wall seconds, line 2: process CPU seconds (all threads), both including the float build a variant
        // was derived from; line 3 for a variant: the rewrite's own wall and CPU seconds
        Files.writeString(tmp.resolve(BUILD_SECONDS), String.format(java.util.Locale.ROOT, "%.1f%n%.1f%n", seconds[0], cpuBefore + ownCpu)
                + (derived ? String.format(java.util.Locale.ROOT, "rewrite %.1f s wall, %.1f s CPU%n", own, ownCpu) : ""));
        Files.move(tmp, folder);
        return folder;
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
