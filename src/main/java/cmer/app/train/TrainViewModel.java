package cmer.app.train;

import cmer.core.CmerException;
import cmer.core.Configs;
import cmer.core.MetricEvent;
import cmer.core.TrainConfig;
import cmer.core.TrainConfig.Method;
import cmer.core.TrainConfig.TextAdapter;
import cmer.train.Demo;
import cmer.train.ModelFolder;
import cmer.train.RunFolder;
import cmer.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Train screen's state: the form of a new run (strings for numbers, so a typo gets a message instead of a
 * silent revert), validation into a {@link TrainConfig}, and the live panel. Metrics arrive on the training
 * thread; they are queued and applied in one {@code ui} call per batch (at most one pending at a time), never one
 * UI update per metric.
 */
public final class TrainViewModel {
    private static final double MIB = 1024.0 * 1024.0;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** The form starts from the demo's settings: sized for the shipped sample data (a few minutes on 2 cores). */
    static final TrainConfig START = Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, null, Demo.CMER);

    private final TrainService service;
    private final Path runsDir;
    private final Executor ui;
    private final Consumer<Path> onRunFolder;
    // the form
    private final StringProperty dataset, backbone = new SimpleStringProperty("sample");
    private final ObjectProperty<Method> method = new SimpleObjectProperty<>(Method.CMER);
    private final StringProperty epochs = new SimpleStringProperty(String.valueOf(START.epochs()));
    private final StringProperty batchSize = new SimpleStringProperty(String.valueOf(START.batchSize()));
    private final StringProperty learningRate = new SimpleStringProperty(String.valueOf(START.optim().lr()));
    private final BooleanProperty focusLayer = new SimpleBooleanProperty(START.cmer().side().focusLayer());
    private final BooleanProperty sceneAugment = new SimpleBooleanProperty(START.cmer().scene().augment());
    private final StringProperty sceneP = new SimpleStringProperty(String.valueOf(START.cmer().scene().p()));
    private final BooleanProperty queue = new SimpleBooleanProperty(START.cmer().queue().enabled());
    private final StringProperty queueSize = new SimpleStringProperty(String.valueOf(START.cmer().queue().size()));
    private final ObjectProperty<TextAdapter> textAdapter = new SimpleObjectProperty<>(START.cmer().side().textAdapter());
    private final StringProperty extra = new SimpleStringProperty("schedule.warmupSteps=" + START.schedule().warmupSteps() + " logEvery=" + START.logEvery());
    private final StringProperty runName = new SimpleStringProperty();
    // the live panel
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty stepText = new SimpleStringProperty("\u2014"), lossText = new SimpleStringProperty("\u2014"),
            speedText = new SimpleStringProperty("\u2014"), etaText = new SimpleStringProperty("\u2014"),
            memoryText = new SimpleStringProperty("\u2014"), valText = new SimpleStringProperty("\u2014");
    private final StringProperty status = new SimpleStringProperty("Fill in the form and press Start.");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObjectProperty<Path> currentRun = new SimpleObjectProperty<>();
    private final Queue<MetricEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private String suggestedName;
    private long total, lastStep;
    private double stepMsAvg = Double.NaN;

    /**
     * @param runsDir     where new runs go (the Studio's runs folder)
     * @param defaultData the dataset the form starts with
     * @param ui          runs state changes on the FX thread ({@code Platform::runLater}; inline in tests)
     * @param onRunFolder told on the UI thread when a run folder exists (the Runs tab lists and selects it)
     */
    public TrainViewModel(TrainService service, Path runsDir, Path defaultData, Executor ui, Consumer<Path> onRunFolder) {
        this.service = service;
        this.runsDir = runsDir;
        this.ui = ui;
        this.onRunFolder = onRunFolder;
        this.dataset = new SimpleStringProperty(defaultData.toString());
        suggestName();
        method.addListener((o, a, m) -> { if (runName.get().equals(suggestedName)) suggestName(); });
    }

    public StringProperty datasetProperty() { return dataset; }
    public StringProperty backboneProperty() { return backbone; }
    public ObjectProperty<Method> methodProperty() { return method; }
    public StringProperty epochsProperty() { return epochs; }
    public StringProperty batchSizeProperty() { return batchSize; }
    public StringProperty learningRateProperty() { return learningRate; }
    public BooleanProperty focusLayerProperty() { return focusLayer; }
    public BooleanProperty sceneAugmentProperty() { return sceneAugment; }
    public StringProperty scenePProperty() { return sceneP; }
    public BooleanProperty queueProperty() { return queue; }
    public StringProperty queueSizeProperty() { return queueSize; }
    public ObjectProperty<TextAdapter> textAdapterProperty() { return textAdapter; }
    public StringProperty extraProperty() { return extra; }
    public StringProperty runNameProperty() { return runName; }
    public BooleanProperty runningProperty() { return running; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty stepTextProperty() { return stepText; }
    public StringProperty lossTextProperty() { return lossText; }
    public StringProperty speedTextProperty() { return speedText; }
    public StringProperty etaTextProperty() { return etaText; }
    public StringProperty memoryTextProperty() { return memoryText; }
    public StringProperty valTextProperty() { return valText; }
    public StringProperty statusProperty() { return status; }
    public StringProperty errorProperty() { return error; }
    public ObservableList<String> log() { return log; }
    public ObjectProperty<Path> currentRunProperty() { return currentRun; }
    public Path runsDir() { return runsDir; }

    /** {@code <method>-<yyyyMMdd-HHmmss>}; replaced on a method change as long as the user has not typed a name. */
    public void suggestName() {
        suggestedName = label(method.get()) + "-" + LocalDateTime.now().format(STAMP);
        runName.set(suggestedName);
    }

    /** Validates the form; on success starts the run on the training thread. */
    public void start() {
        error.set("");
        if (service.isRunning()) { error.set("A run is already training: stop it first."); return; }
        TrainConfig cfg;
        Path dir;
        try {
            dir = runDir();
            cfg = config();
        } catch (CmerException | IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        begin("Starting " + dir.getFileName() + " \u2026");
        service.start(cfg, dir, listener());
    }

    /** Continues a stopped run from its last checkpoint. */
    public void resume(Path dir) {
        error.set("");
        if (service.isRunning()) { error.set("A run is already training: stop it first."); return; }
        if (!Files.isRegularFile(dir.resolve(RunFolder.CONFIG))) { error.set(dir + " is not a run folder (no config.json)."); return; }
        if (!Files.isRegularFile(dir.resolve(RunFolder.CHECKPOINTS).resolve(RunFolder.LAST))) {
            error.set(dir.getFileName() + " has no checkpoint to resume from (checkpoints/last.safetensors is missing).");
            return;
        }
        begin("Resuming " + dir.getFileName() + " \u2026");
        service.resume(dir, listener());
    }

    /** Stop: the trainer finishes its step, saves checkpoints/last.safetensors and returns. */
    public void stop() {
        if (!running.get()) return;
        status.set("Stopping after the current step; saving a checkpoint \u2026");
        service.stop();
    }

    /** The form as a TrainConfig: our own checks first (clear words), then the record's own validation. */
    public TrainConfig config() {
        Path data = Path.of(dataset.get().strip());
        if (dataset.get().isBlank() || !Files.exists(data)) throw new IllegalArgumentException("Dataset not found: " + data.toAbsolutePath() + ". Choose a dataset folder or file.");
        int b = integer("Batch size", batchSize.get());
        if (b < 2) throw new IllegalArgumentException("Batch size must be at least 2 (contrastive training needs in-batch negatives), not " + b + ".");
        int e = integer("Epochs", epochs.get());
        if (e < 1) throw new IllegalArgumentException("Epochs must be at least 1, not " + e + ".");
        double lr = number("Learning rate", learningRate.get());
        if (!(lr > 0 && lr < 1)) throw new IllegalArgumentException("Learning rate must be between 0 and 1 (e.g. 5e-4), not " + learningRate.get() + ".");
        double p = number("Scene-label p", sceneP.get());
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("Scene-label p is a probability in [0, 1], not " + sceneP.get() + ".");
        int k = integer("Queue size", queueSize.get());
        if (queue.get() && k < 1) throw new IllegalArgumentException("Queue size must be at least 1 when the negative queue is on, not " + k + ".");
        List<String> o = new ArrayList<>(List.of("method=" + label(method.get()), "data.path=" + data, "model.backbone=" + backbone.get().strip(),
                "epochs=" + e, "batchSize=" + b, "optim.lr=" + lr, "cmer.side.focusLayer=" + focusLayer.get(),
                "cmer.side.textAdapter=" + textAdapter.get().name().toLowerCase(Locale.ROOT), "cmer.scene.augment=" + sceneAugment.get(),
                "cmer.scene.p=" + p, "cmer.queue.enabled=" + queue.get(), "cmer.queue.size=" + k));
        for (String s : extra.get().strip().split("\\s+")) {
            if (s.isEmpty()) continue;
            if (!s.contains("=")) throw new IllegalArgumentException("More settings: '" + s + "' is not key=value (e.g. logEvery=5).");
            o.add(s);
        }
        TrainConfig cfg = Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, null, o);
        ModelFolder.of(cfg);                                  // backbone folder has config.json + tokenizer.json
        return cfg;
    }

    private Path runDir() {
        String n = runName.get() == null ? "" : runName.get().strip();
        if (n.isEmpty() || !n.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Run folder name '" + n + "': use letters, digits, '.', '_' or '-' (it becomes a folder in " + runsDir + ").");
        }
        Path dir = runsDir.resolve(n);
        if (Files.exists(dir)) throw new IllegalArgumentException("Run folder " + dir + " exists already: choose another name, or Resume it.");
        return dir;
    }

    private void begin(String what) {
        running.set(true);
        progress.set(-1);                                     // indeterminate while the model and data load
        status.set(what);
        log.clear();
        pending.clear();
        total = 0;
        lastStep = 0;
        stepMsAvg = Double.NaN;
        for (StringProperty s : List.of(stepText, lossText, speedText, etaText, memoryText, valText)) s.set("\u2014");
    }

    private TrainService.Listener listener() {
        return new TrainService.Listener() {
            @Override public void onStarted(Path dir, List<String> describe, long startStep, long totalSteps) {
                ui.execute(() -> {
                    total = totalSteps;
                    lastStep = startStep;
                    currentRun.set(dir);
                    log.setAll(describe);
                    status.set("Training " + dir.getFileName() + (startStep > 0 ? " from step " + startStep : "") + ": " + totalSteps + " steps.");
                    stepText.set(startStep + " / " + totalSteps);
                    progress.set(totalSteps == 0 ? -1 : (double) startStep / totalSteps);
                    onRunFolder.accept(dir);
                });
            }

            @Override public void onMetric(MetricEvent e) {
                pending.add(e);
                if (drainQueued.compareAndSet(false, true)) ui.execute(TrainViewModel.this::drain);
            }

            @Override public void onFinished(Trainer.Result r) {
                ui.execute(() -> {
                    drain();
                    running.set(false);
                    if (r.interrupted()) {
                        status.set("Stopped at step " + r.steps() + "; checkpoint saved. Resume continues from there.");
                    } else {
                        progress.set(1);
                        status.set("Finished: " + r.steps() + " steps" + (r.test() == null ? "." : String.format(
                                ", test mR %.2f (R@1 %.2f image\u2192text, %.2f text\u2192image).", r.test().mr(), r.test().r1I2t(), r.test().r1T2i())));
                    }
                    log.add(status.get());
                });
            }

            @Override public void onFailed(Throwable t) {
                ui.execute(() -> {
                    drain();
                    running.set(false);
                    progress.set(0);
                    status.set("The run stopped with an error.");
                    error.set(t.getMessage() == null ? t.toString() : t.getMessage());
                    log.add("error: " + error.get());
                });
            }
        };
    }

    /** Applies every queued metric in one UI update; the panel shows the newest values. */
    private void drain() {
        drainQueued.set(false);
        MetricEvent lastTrain = null;
        for (MetricEvent e; (e = pending.poll()) != null; ) {
            if (e.type() == MetricEvent.Type.TRAIN) {
                lastTrain = e;
                double ms = e.value("step_ms");
                if (Double.isFinite(ms)) stepMsAvg = Double.isNaN(stepMsAvg) ? ms : 0.9 * stepMsAvg + 0.1 * ms;   // smooths ETA
            } else if (e.type() == MetricEvent.Type.EVAL) {
                valText.set(String.format("%s mR %.2f (step %d)", e.split(), e.value("mr"), e.step()));
            }
        }
        if (lastTrain == null) return;
        MetricEvent e = lastTrain;
        lastStep = e.step();
        stepText.set(String.format("%,d / %,d", lastStep, total));
        progress.set(total == 0 ? 0 : (double) lastStep / total);
        lossText.set(String.format("%.4f", e.value("total")));
        speedText.set(String.format("%.1f pairs/s", e.value("pairs_per_s")));
        etaText.set(eta((total - lastStep) * stepMsAvg / 1000));
        memoryText.set(String.format("%,.0f MiB (%,.0f MiB above idle)", e.value("peak_bytes") / MIB, e.value("peak_above_idle_bytes") / MIB));
    }

    static String eta(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return "\u2014";
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d h %02d min", s / 3600, s / 60 % 60) : s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : s + " s";
    }

    static String label(Method m) { return m.name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    private static int integer(String what, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(what + " must be a whole number, not '" + text + "'.");
        }
    }

    private static double number(String what, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(what + " must be a number, not '" + text + "'.");
        }
    }
}
