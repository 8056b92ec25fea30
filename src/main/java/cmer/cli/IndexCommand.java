package cmer.cli;

import cmer.core.Configs;
import cmer.search.Embedder;
import cmer.search.Indexer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Embed the images of a folder or dataset into a search index: embeddings, scene distributions, thumbnails,",
                "metadata and footprints. Resumable (an interrupted run continues) and incremental (only new or changed files)."})
final class IndexCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Option(names = "--model", paramLabel = "<run-or-model>", description = "Run folder or model folder (default: the shipped sample model).") Path model;
    @Option(names = "--images", required = true, paramLabel = "<folder-or-dataset>", description = "Image folder or dataset (any format cmer dataset inspect reads).") Path images;
    @Option(names = "--out", required = true, paramLabel = "<index>", description = "Index folder (created, or continued/updated when it exists).") Path target;
    @Option(names = "--batch", defaultValue = "16", description = "Images per forward pass (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--chunk", defaultValue = "256", description = "Images per commit to disk (default: ${DEFAULT-VALUE}).") int chunk;
    @Option(names = "--scenes", split = ",", paramLabel = "<scene>", description = "Scene names (default: the dataset's labels, else AID's 30 classes).") List<String> scenes;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String device = common.applyEngineSettings().engine().device();
        PrintWriter out = spec.commandLine().getOut();
        Indexer.Report r;
        try (Embedder e = Embedder.open(model, device); Progress p = new Progress(spec.commandLine().getErr(), "index", "img")) {
            if (!common.json) out.println("model: " + e.description() + " (id " + e.identity() + ")");
            out.flush();
            r = Indexer.run(e, new Indexer.Options(images, target, batch, chunk, scenes, null, 128), p.listener());
        }
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("index", target.toAbsolutePath().toString());
        rows.put("images", r.total());
        rows.put("embedded", r.embedded());
        rows.put("unchanged", r.unchanged());
        rows.put("removed", r.removed());
        rows.put("compacted", r.compacted());                       // dead rows dropped by rewriting the index (ArchiveIndex.compact)
        rows.put("unreadable", r.failed());
        rows.put("seconds", Math.round(r.seconds() * 100) / 100.0);
        rows.put("images/s", Math.round(r.imagesPerSecond() * 100) / 100.0);
        if (common.json) out.println(Configs.JSON.writeValueAsString(rows));
        else rows.forEach((k, v) -> out.printf("%-10s %s%n", k, v));
        out.flush();
        return r.failed().isEmpty() ? 0 : 3;
    }
}
