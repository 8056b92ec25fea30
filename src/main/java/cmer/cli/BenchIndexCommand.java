package cmer.cli;

import cmer.core.AppPaths;
import cmer.core.Configs;
import cmer.search.IndexBenchmark;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Indexing rate (images/s) on seeded synthetic JPEGs: the model's forward pass alone and the whole",
                "cmer index pipeline (decode, resize, thumbnails, embedding, scene distributions, chunked writes)."})
final class BenchIndexCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Option(names = "--model", defaultValue = "sample", description = "sample, a model/run folder, or vit-b-32 / tiny with random weights (default: ${DEFAULT-VALUE}).") String model;
    @Option(names = "--images", defaultValue = "256", description = "Synthetic images (default: ${DEFAULT-VALUE}).") int images;
    @Option(names = "--batch", defaultValue = "16", description = "Images per forward pass (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--size", defaultValue = "256", description = "Side of the synthetic images in pixels (default: ${DEFAULT-VALUE}).") int size;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        common.applyEngineSettings();
        var cfg = new IndexBenchmark.Config(model, images, batch, size, 42, AppPaths.fromEnvironment().cache().resolve("bench").resolve("index"));
        IndexBenchmark.Result r;
        try (Progress p = new Progress(spec.commandLine().getErr(), "index", "img")) {
            r = IndexBenchmark.run(cfg, p.listener());
        }
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("model", r.model());
        rows.put("images", r.images() + " synthetic " + size + "x" + size + " JPEGs, batch " + r.batch());
        rows.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "PyTorch default") + ", cores " + Runtime.getRuntime().availableProcessors());
        rows.put("malloc", System.getenv("MALLOC_MMAP_THRESHOLD_") != null ? "MALLOC_* set" : "MALLOC_* not set");
        rows.put("forward images/s", String.format("%.2f", r.forwardImagesPerSecond()));
        rows.put("index images/s", String.format("%.2f", r.indexImagesPerSecond()));
        rows.put("index seconds", String.format("%.1f", r.indexSeconds()));
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) out.println(Configs.JSON.writeValueAsString(rows));
        else rows.forEach((k, v) -> out.printf("%-17s %s%n", k, v));
        out.flush();
        return 0;
    }
}
