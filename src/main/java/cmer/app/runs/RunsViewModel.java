package cmer.app.runs;

import cmer.core.MetricEvent;
import cmer.core.MetricListener;
import cmer.train.RunFolder;
import cmer.train.RunWatcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The Runs screen's state: the run folders under one directory, and for the selected run its live
 * curves (loss, throughput, memory) and evaluation table, fed by a polling {@link RunWatcher}.
 * File reads happen on the caller's thread ({@link #poll}: a background timer in the Studio); every change
 * of observable state goes through {@code ui} (the FX thread in the Studio, inline in tests), once per poll.
 */
public final class RunsViewModel {
    /** A run folder as listed on the left. */
    public record RunRow(String name, Path dir, String method, String dataset) {
        @Override public String toString() { return name; }
    }

    /** One evaluation line of the selected run. */
    public record EvalRow(long step, int epoch, String split, double r1i2t, double r5i2t, double r10i2t,
                          double r1t2i, double r5t2i, double r10t2i, double mr) { }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MIB = 1024.0 * 1024.0;

    private final Path runsDir;
    private final Executor ui;
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<EvalRow> evals = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final XYSeries lBatch = new XYSeries("L_batch"), lQueue = new XYSeries("L_queue"), total = new XYSeries("total");
    private final XYSeries pairsPerS = new XYSeries("pairs/s");
    private final XYSeries peakMib = new XYSeries("peak"), peakAboveIdleMib = new XYSeries("peak above idle");
    private final XYSeriesCollection loss = new XYSeriesCollection(), speed = new XYSeriesCollection(), memory = new XYSeriesCollection();
    private volatile RunWatcher watcher;
    private String device = "";
    private long lastStep;
    private double bestMr = Double.NaN;

    public RunsViewModel(Path runsDir, Executor ui) {
        this.runsDir = runsDir;
        this.ui = ui;
        loss.addSeries(total); loss.addSeries(lBatch); loss.addSeries(lQueue);
        speed.addSeries(pairsPerS);
        memory.addSeries(peakMib); memory.addSeries(peakAboveIdleMib);
        selected.addListener((obs, old, row) -> open(row));
    }

    public ObservableList<RunRow> runs() { return runs; }
    public ObjectProperty<RunRow> selectedProperty() { return selected; }
    public ObservableList<EvalRow> evals() { return evals; }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public XYSeriesCollection loss() { return loss; }
    public XYSeriesCollection speed() { return speed; }
    public XYSeriesCollection memory() { return memory; }

    /** Lists the run folders (those with a config.json), newest first; keeps the selection when it still exists. */
    public void refreshRuns() {
        List<RunRow> found;
        if (!Files.isDirectory(runsDir)) {
            found = List.of();
        } else {
            try (Stream<Path> s = Files.list(runsDir)) {
                found = s.filter(d -> Files.isRegularFile(d.resolve(RunFolder.CONFIG)))
                        .sorted(Comparator.comparing(RunsViewModel::modified).reversed())
                        .map(RunsViewModel::row).toList();
            } catch (IOException e) {
                found = List.of();
            }
        }
        List<RunRow> rows = found;
        ui.execute(() -> {
            if (!runs.equals(rows)) runs.setAll(rows);
            status.set(rows.isEmpty() ? "No runs in " + runsDir.toAbsolutePath() + " yet: ./cmer train --run-dir "
                    + runsDir.resolve("my-run") + " starts one." : rows.size() + " run(s) in " + runsDir.toAbsolutePath());
        });
    }

    /** Lists the runs again and selects the one in {@code dir} (a run the Train tab has just started). */
    public void showRun(Path dir) {
        refreshRuns();
        ui.execute(() -> runs.stream().filter(r -> r.dir().equals(dir)).findFirst().ifPresent(selected::set));
    }

    /** Reads what the selected run appended since the last poll and applies it in one UI update. */
    public void poll() {
        RunWatcher w = watcher;
        if (w != null) w.poll();
    }

    private void open(RunRow row) {
        clear();
        if (row == null) {
            watcher = null;
            return;
        }
        watcher = new RunWatcher(row.dir(), new MetricListener() {
            @Override public void onMetrics(List<MetricEvent> events) { ui.execute(() -> apply(row, events)); }
            @Override public void onReset() { ui.execute(RunsViewModel.this::clear); }
        });
        summary.set(describe(row));
    }

    private void clear() {
        for (XYSeries s : List.of(lBatch, lQueue, total, pairsPerS, peakMib, peakAboveIdleMib)) s.clear();
        evals.clear();
        device = "";
        lastStep = 0;
        bestMr = Double.NaN;
    }

    /** Adds a batch of events; series fire one change event per batch, not per point. */
    private void apply(RunRow row, List<MetricEvent> events) {
        if (row != selected.get()) return;                 // a late batch of a run no longer shown
        List<XYSeries> all = List.of(lBatch, lQueue, total, pairsPerS, peakMib, peakAboveIdleMib);
        all.forEach(s -> s.setNotify(false));
        for (MetricEvent e : events) {
            lastStep = Math.max(lastStep, e.step());
            if (e.type() == MetricEvent.Type.TRAIN) {
                add(lBatch, e, "l_batch", 1);
                add(lQueue, e, "l_queue", 1);
                add(total, e, "total", 1);
                add(pairsPerS, e, "pairs_per_s", 1);
                add(peakMib, e, "peak_bytes", 1 / MIB);
                add(peakAboveIdleMib, e, "peak_above_idle_bytes", 1 / MIB);
                if (!e.device().isEmpty()) device = e.device();
            } else if (e.type() == MetricEvent.Type.EVAL) {
                evals.add(new EvalRow(e.step(), e.epoch(), e.split(), e.value("r1_i2t"), e.value("r5_i2t"), e.value("r10_i2t"),
                        e.value("r1_t2i"), e.value("r5_t2i"), e.value("r10_t2i"), e.value("mr")));
                if (!"test".equals(e.split()) && !(e.value("mr") <= bestMr)) bestMr = e.value("mr");
            }
        }
        all.forEach(s -> s.setNotify(true));
        summary.set(describe(row));
    }

    private static void add(XYSeries s, MetricEvent e, String field, double scale) {
        double v = e.value(field);
        if (Double.isFinite(v)) s.add(e.step(), v * scale, false);
    }

    private String describe(RunRow row) {
        Instant m = modified(row.dir());
        boolean live = Duration.between(m, Instant.now()).toSeconds() < 60;
        return row.name() + "  \u00b7  " + row.method() + "  \u00b7  " + row.dataset()
                + (device.isEmpty() ? "" : "  \u00b7  " + device) + "  \u00b7  step " + lastStep
                + (Double.isNaN(bestMr) ? "" : String.format("  \u00b7  best val mR %.2f", bestMr))
                + (live ? "  \u00b7  live" : "");
    }

    private static RunRow row(Path dir) {
        String method = "?", dataset = "?";
        try {
            JsonNode c = JSON.readTree(dir.resolve(RunFolder.CONFIG).toFile());
            method = c.path("method").asText("?");
            String path = c.path("data").path("path").asText("");
            dataset = path.isEmpty() ? "?" : Path.of(path).getFileName().toString();
        } catch (IOException | RuntimeException e) {
            method = "unreadable config.json";
        }
        return new RunRow(dir.getFileName().toString(), dir, method, dataset);
    }

    private static Instant modified(Path dir) {
        try {
            Path m = dir.resolve(RunFolder.METRICS);
            return Files.getLastModifiedTime(Files.exists(m) ? m : dir.resolve(RunFolder.CONFIG)).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
