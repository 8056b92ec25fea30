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
    /** What to run. {@code candidates}: HNSW numCandidates values to try (one result row each). */
    public record Config(List<Integer> sizes, int dim, int queries, int k, int threads, int m, int beamWidth,
                         List<Integer> candidates, long seed, Path cache, int hnswMax) { }

    /**
     * One measured row; times in milliseconds, sizes in bytes. {@code *CpuMs}: process CPU time per query (all
     * threads, from the OS), which stays meaningful when other jobs share the cores and stretch wall time; HNSW columns NaN / -1 when the size is above {@code hnswMax}. */
    public record Row(int n, int candidates, double exactMedianMs, double exactP99Ms, double exactCpuMs, long exactBytes,
                      double hnswBuildS, boolean buildCached, double hnswMedianMs, double hnswP99Ms, double hnswCpuMs, long hnswBytes,
                      double recall, long heapUsedBytes) { }

    private static final int WARMUP = 100;
    private static double lastCpuMsPerQuery;   // set by time(); the benchmark runs on one thread

    private SearchBenchmark() { }

    /** Runs the benchmark; {@code rows} receives each row as soon as it is measured. */
    public static List<Row> run(Config cfg, ProgressListener progress, java.util.function.Consumer<Row> rowsOut) throws IOException {
        List<Row> rows = new ArrayList<>();
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
                    HnswIndex.Params p = new HnswIndex.Params(cfg.m(), cfg.beamWidth(), c);
                    Path folder = cfg.cache().resolve("hnsw-n" + n + "-d" + cfg.dim() + "-seed" + cfg.seed() + "-m" + p.m() + "-b" + p.beamWidth());
                    double[] build = new double[1];
                    boolean cached = Files.isRegularFile(folder.resolve("build-seconds.txt"));
                    try (HnswIndex hnsw = cached ? HnswIndex.open(folder, cfg.dim(), p, cfg.threads()) : build(folder, ids, gallery, cfg, p, build, progress)) {
                        if (cached) build[0] = Double.parseDouble(Files.readAllLines(folder.resolve("build-seconds.txt")).get(0).strip());
                        if (hnsw.size() != n) throw new CmerException(folder + ": cached graph holds " + hnsw.size() + " vectors, expected " + n + "; delete the folder");
                        progress.progress(0, cfg.queries(), "HNSW search, n=" + n + ", numCandidates=" + c);
                        List<List<Hit>> approx = new ArrayList<>();
                        double[] hnswMs = time(hnsw, queries, cfg, approx);
                        Row r = new Row(n, c, pct(exactMs, 50), pct(exactMs, 99), exactCpu, exact.indexBytes(), build[0], cached,
                                pct(hnswMs, 50), pct(hnswMs, 99), lastCpuMsPerQuery, hnsw.indexBytes(), recall(truth, approx), heapUsed());
                        rows.add(r);
                        rowsOut.accept(r);
                    }
                }
            }
        }
        return rows;
    }

    private static HnswIndex build(Path folder, List<String> ids, float[] gallery, Config cfg, HnswIndex.Params p,
                                   double[] seconds, ProgressListener progress) throws IOException {
        // build in a temporary sibling and rename: an interrupted build never looks like a cached one
        Path tmp = folder.resolveSibling(folder.getFileName() + ".building");
        if (Files.exists(tmp)) try (var s = Files.walk(tmp)) { for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x); }
        Files.createDirectories(tmp);
        long t0 = System.nanoTime(), cpu0 = processCpuNanos();
        try (HnswIndex h = HnswIndex.open(tmp, cfg.dim(), p, cfg.threads())) {
            h.addAll(ids, gallery, cfg.threads(), progress);
        }
        seconds[0] = (System.nanoTime() - t0) / 1e9;
        // line 1: wall seconds; line 2: process CPU seconds (all threads) of the build
        Files.writeString(tmp.resolve("build-seconds.txt"), String.format(java.util.Locale.ROOT, "%.1f%n%.1f%n", seconds[0], (processCpuNanos() - cpu0) / 1e9));
        Files.move(tmp, folder);
        return HnswIndex.open(folder, cfg.dim(), p, cfg.threads());
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
