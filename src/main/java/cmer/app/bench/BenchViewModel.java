package cmer.app.bench;

import cmer.app.task.TaskExecutor;
import cmer.core.CmerException;
import cmer.core.Configs;
import cmer.core.MetricEvent;
import cmer.core.TrainConfig;
import cmer.train.RunFolder;
import cmer.train.RunSummary;
import cmer.train.RunWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The Benchmark screen's state: one row per finished run folder (one with a test evaluation in eval.json), read
 * with the trainer's own readers ({@link RunSummary} for recalls, parameters, pairs/s and memory; {@link RunWatcher}
 * for the validation curve; config.json for the switches), and two bar-chart datasets built from the same rows.
 */
public final class BenchViewModel {
    private static final double MIB = 1024.0 * 1024.0;

    /** One run as compared here. Switch columns are null for methods that do not have them. */
    public record Row(String name, String method, Boolean focus, Double sceneP, Integer queueSize, long trainable, long total,
                      double peakMib, double peakAboveIdleMib, double pairsPerS, double bestValMr,
                      double r1I2t, double r5I2t, double r10I2t, double r1T2i, double r5T2i, double r10T2i, double mr) { }

    private final Path runsDir;
    private final TaskExecutor tasks;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final DefaultCategoryDataset mrChart = new DefaultCategoryDataset(), memoryChart = new DefaultCategoryDataset();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Press Refresh to read the run folders.");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    public BenchViewModel(Path runsDir, TaskExecutor tasks) {
        this.runsDir = runsDir;
        this.tasks = tasks;
    }

    public ObservableList<Row> rows() { return rows; }
    public DefaultCategoryDataset mrChart() { return mrChart; }
    public DefaultCategoryDataset memoryChart() { return memoryChart; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** Re-reads every run folder in the background; table and charts change together on the UI thread. */
    public void refresh() {
        busy.set(true);
        tasks.execute(() -> read(runsDir), this::show, e -> status.set("Cannot read " + runsDir + ": " + e.getMessage()), () -> busy.set(false));
    }

    private record Found(List<Row> rows, List<String> skipped) { }

    private void show(Found f) {
        rows.setAll(f.rows());
        mrChart.clear();
        memoryChart.clear();
        for (Row r : f.rows()) {
            mrChart.addValue(orNull(r.mr()), "test mR", r.name());
            memoryChart.addValue(orNull(r.peakMib()), "peak", r.name());
            memoryChart.addValue(orNull(r.peakAboveIdleMib()), "peak above idle", r.name());
        }
        String s = f.rows().isEmpty() ? "No finished runs in " + runsDir.toAbsolutePath() + " (a finished run has eval.json with a test split)."
                : f.rows().size() + " finished run(s) in " + runsDir.toAbsolutePath() + ".";
        if (!f.skipped().isEmpty()) s += " Not finished or unreadable: " + String.join(", ", f.skipped()) + ".";
        status.set(s);
    }

    private static Double orNull(double v) { return Double.isNaN(v) ? null : v; }   // a gap, not a bar at NaN

    private static Found read(Path runsDir) throws IOException {
        List<Row> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (!Files.isDirectory(runsDir)) return new Found(out, skipped);
        List<Path> dirs;
        try (Stream<Path> s = Files.list(runsDir)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve(RunFolder.CONFIG))).sorted(Comparator.comparing(Path::getFileName)).toList();
        }
        for (Path d : dirs) {
            if (!Files.isRegularFile(d.resolve(RunFolder.EVAL))) { skipped.add(d.getFileName().toString()); continue; }
            try {
                out.add(row(d));
            } catch (CmerException e) {
                skipped.add(d.getFileName().toString());
            }
        }
        return new Found(out, skipped);
    }

    /** One run folder as a row. */
    static Row row(Path dir) {
        RunSummary s = RunSummary.of(dir);
        // Configs.load reads config.json without touching the folder (RunFolder.open would tidy it: not for a reader)
        TrainConfig c = Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, dir.resolve(RunFolder.CONFIG), List.of());
        boolean cmer = c.method() == TrainConfig.Method.CMER;
        TrainConfig.Cmer k = c.cmer();
        double bestVal = Double.NaN;
        for (MetricEvent e : new RunWatcher(dir, events -> { }).poll()) {
            if (e.type() == MetricEvent.Type.EVAL && "val".equals(e.split()) && !(e.value("mr") <= bestVal)) bestVal = e.value("mr");
        }
        var t = s.test() != null ? s.test() : new cmer.eval.RetrievalMetrics.Recalls(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        return new Row(s.name(), s.method().toLowerCase(Locale.ROOT), cmer ? k.side().focusLayer() : null,
                cmer ? (k.scene().augment() ? k.scene().p() : 0.0) : null, cmer ? (k.queue().enabled() ? k.queue().size() : 0) : null,
                s.trainable(), s.total(), s.peakBytes() / MIB, s.peakAboveIdleBytes() / MIB, s.pairsPerS(), bestVal,
                t.r1I2t(), t.r5I2t(), t.r10I2t(), t.r1T2i(), t.r5T2i(), t.r10T2i(), t.mr());
    }
}
