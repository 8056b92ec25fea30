package cmer.cli;

import cmer.core.AppPaths;
import cmer.search.SearchBenchmark;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Exact vs HNSW search on seeded synthetic clustered galleries: latency median/p99, memory,",
                "HNSW build time and recall@k. Built graphs are cached under ~/.cache/cmer-studio/bench."})
final class BenchSearchCommand implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000,1000000", description = "Gallery sizes (default: ${DEFAULT-VALUE}).") List<Integer> sizes;
    @Option(names = "--dim", defaultValue = "512", description = "Embedding dimension (default: ${DEFAULT-VALUE}).") int dim;
    @Option(names = "--queries", defaultValue = "200", description = "Measured queries per size (default: ${DEFAULT-VALUE}).") int queries;
    @Option(names = "--k", defaultValue = "10", description = "Hits per query (default: ${DEFAULT-VALUE}).") int k;
    @Option(names = "--threads", defaultValue = "2", description = "Cores for exact scans and the HNSW build (default: ${DEFAULT-VALUE}).") int threads;
    @Option(names = "--m", defaultValue = "32", description = "HNSW links per node (default: ${DEFAULT-VALUE}, as the archive index).") int m;
    @Option(names = "--beam-width", defaultValue = "128", description = "HNSW build beam (default: ${DEFAULT-VALUE}, as the archive index).") int beam;
    @Option(names = "--candidates", split = ",", defaultValue = "100", description = "HNSW numCandidates to try (default: ${DEFAULT-VALUE}).") List<Integer> candidates;
    @Option(names = "--quantize", defaultValue = "0", description = "HNSW graph walked on 7- or 4-bit scalar-quantized vectors; 0 = float32 (default: ${DEFAULT-VALUE}).") int quantize;
    @Option(names = "--rerank", defaultValue = "0", description = "Re-score the best max(k, N) graph hits with exact floats; 0 = off (default: ${DEFAULT-VALUE}).") int rerank;
    @Option(names = "--merge", description = "Search one merged graph instead of one graph per build thread.") boolean merge;
    @Option(names = "--seed", defaultValue = "42", description = "Gallery seed (default: ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--hnsw-max", defaultValue = "2147483647", description = "Measure only exact search above this size.") int hnswMax;
    @Option(names = "--cache", paramLabel = "<dir>", description = "Where built graphs are kept (default: ~/.cache/cmer-studio/bench).") java.nio.file.Path cache;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        var cfg = new SearchBenchmark.Config(sizes, dim, queries, k, threads, m, beam, candidates, seed,
                cache != null ? cache : AppPaths.fromEnvironment().cache().resolve("bench"), hnswMax, quantize, rerank, merge);
        out.printf("dim=%d queries=%d k=%d threads=%d M=%d beamWidth=%d quantize=%d rerank=%d merged=%b cores=%d load average=%.2f (other jobs stretch wall times; CPU ms/q does not)%n", dim, queries, k,
                threads, m, beam, quantize, rerank, merge, Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.println("| n | exact median ms | exact p99 ms | exact CPU ms/q | exact MiB | HNSW numCand | HNSW build s | HNSW median ms | HNSW p99 ms | HNSW CPU ms/q | HNSW index MiB | recall@" + k + " | heap used MiB |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        out.flush();
        long[] last = {0};
        SearchBenchmark.run(cfg, (done, total, msg) -> {
            long now = System.nanoTime();
            if (now - last[0] > 5e9 || done == 0 || done == total) { err.printf("  %s %d/%d%n", msg, done, total); err.flush(); last[0] = now; }
        }, r -> {
            String exact = String.format("| %,d | %.2f | %.2f | %.2f | %.0f |", r.n(), r.exactMedianMs(), r.exactP99Ms(), r.exactCpuMs(), r.exactBytes() / 1048576.0);
            out.println(r.recall() != r.recall() ? exact + String.format(" - | not built (--hnsw-max) | - | - | - | - | - | %.0f |", r.heapUsedBytes() / 1048576.0)
                    : exact + String.format(" %d | %.1f%s | %.2f | %.2f | %.2f | %.0f | %.4f | %.0f |", r.candidates(), r.hnswBuildS(), r.buildCached() ? " (cached)" : "",
                    r.hnswMedianMs(), r.hnswP99Ms(), r.hnswCpuMs(), r.hnswBytes() / 1048576.0, r.recall(), r.heapUsedBytes() / 1048576.0));
            out.flush();
        });
        out.flush();
        return 0;
    }
}
