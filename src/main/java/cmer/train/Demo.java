package cmer.train;

import cmer.core.Configs;
import cmer.core.MetricEvent;
import cmer.core.TrainConfig;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code cmer demo}: zero-shot evaluation of the shipped backbone, then CMER fine-tuning on sample-data, both as
 * run folders under {@code runs/} (the Studio's Runs tab shows them), summarised for a results table.
 */
public final class Demo {
    /** The demo's CMER settings: small enough for about 5 minutes on 2 cores. */
    public static final List<String> CMER = List.of("method=cmer", "batchSize=32", "epochs=4", "optim.lr=0.001",
            "schedule.warmupSteps=20", "cmer.queue.size=1024", "logEvery=5");

    private Demo() { }

    /** Runs zero-shot and CMER on {@code data}; returns their summaries (zero-shot first). */
    public static List<RunSummary> run(Path data, Path runs, List<String> extra, Consumer<String> log, Consumer<MetricEvent> listener) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path cmerRun = runs.resolve("demo-" + stamp), zeroRun = runs.resolve("demo-" + stamp + "-zero-shot");
        List<RunSummary> out = new ArrayList<>();
        for (Path dir : List.of(zeroRun, cmerRun)) {
            List<String> o = new ArrayList<>(CMER);
            o.add("data.path=" + data);
            o.addAll(extra);
            if (dir == zeroRun) o.add("method=zero-shot");
            TrainConfig cfg = Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, null, o);
            try (Trainer t = Trainer.start(cfg, dir)) {
                t.describe().forEach(log);
                t.listener(listener).run();
            }
            out.add(RunSummary.of(dir));
            log.accept("run folder: " + dir);
        }
        return out;
    }
}
