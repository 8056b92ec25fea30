package cmer.app.train;

import cmer.core.TrainConfig.Method;
import cmer.core.TrainConfig.TextAdapter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.StringProperty;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** The Train tab: the form of a new run on the left, the live panel of the running one on the right. */
public final class TrainView extends BorderPane {
    private final TrainViewModel vm;
    private final GridPane form = new GridPane();
    private int row;

    public TrainView(TrainViewModel vm) {
        this.vm = vm;
        getStyleClass().add("train-view");
        ScrollPane left = new ScrollPane(form());
        left.setFitToWidth(true);
        left.getStyleClass().add("train-form-scroll");
        left.setPrefWidth(560);
        setLeft(left);
        setCenter(livePanel());
    }

    private Node form() {
        form.getStyleClass().add("train-form");
        form.setHgap(10);
        form.setVgap(6);
        form.setPadding(new Insets(14, 16, 14, 16));
        ColumnConstraints label = new ColumnConstraints(120), field = new ColumnConstraints(), unit = new ColumnConstraints();
        label.setHalignment(HPos.RIGHT);
        field.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(label, field, unit);
        BooleanExpression busy = vm.runningProperty();
        BooleanExpression notCmer = vm.methodProperty().isNotEqualTo(Method.CMER).or(busy);

        section("Data and model");
        TextField data = text("dataset", vm.datasetProperty());
        Button folder = new Button("Folder\u2026"), file = new Button("File\u2026");
        for (Button b : new Button[] {folder, file}) b.setMinWidth(Region.USE_PREF_SIZE);
        folder.setOnAction(e -> chooseFolder(vm.datasetProperty(), "Dataset folder"));
        file.setOnAction(e -> chooseFile(vm.datasetProperty()));
        add("Dataset", data, new HBox(4, folder, file));
        TextField backbone = text("backbone", vm.backboneProperty());
        Button model = new Button("Folder\u2026");
        model.setMinWidth(Region.USE_PREF_SIZE);
        model.setOnAction(e -> chooseFolder(vm.backboneProperty(), "Model folder (config.json, tokenizer.json, model.safetensors)"));
        add("Backbone", backbone, model);
        hint("\u201csample\u201d = the shipped model in <dataset>/models/tiny-clip, or a model folder.");

        section("Method and schedule");
        ChoiceBox<Method> method = new ChoiceBox<>();
        method.getItems().setAll(Method.values());
        method.setConverter(names(TrainViewModel::label));
        method.valueProperty().bindBidirectional(vm.methodProperty());
        method.setId("method");
        add("Method", method, null);
        add("Epochs", text("epochs", vm.epochsProperty()), unit("passes"));
        add("Batch size", text("batch-size", vm.batchSizeProperty()), unit("pairs / step"));
        add("Learning rate", text("learning-rate", vm.learningRateProperty()), unit("peak, AdamW"));

        section("CMER switches (method cmer only)");
        CheckBox focus = check("focus-layer", "Focus layer (saliency re-weighting)", vm.focusLayerProperty());
        add("", focus, null);
        CheckBox scene = check("scene-augment", "Scene-label augmentation", vm.sceneAugmentProperty());
        TextField p = text("scene-p", vm.scenePProperty());
        p.setPrefColumnCount(5);
        p.disableProperty().bind(notCmer.or(vm.sceneAugmentProperty().not()));
        add("", scene, labelled("p", p));
        CheckBox queue = check("queue", "Negative-sample queue", vm.queueProperty());
        TextField k = text("queue-size", vm.queueSizeProperty());
        k.setPrefColumnCount(5);
        k.disableProperty().bind(notCmer.or(vm.queueProperty().not()));
        add("", queue, labelled("size", k));
        ChoiceBox<TextAdapter> adapter = new ChoiceBox<>();
        adapter.getItems().setAll(TextAdapter.values());
        adapter.setConverter(names(a -> a.name().toLowerCase()));
        adapter.valueProperty().bindBidirectional(vm.textAdapterProperty());
        add("Text adapter", adapter, unit("side | linear | none"));
        for (Node n : new Node[] {focus, scene, queue, adapter}) n.disableProperty().bind(notCmer);

        section("Run");
        TextField name = text("run-name", vm.runNameProperty());
        add("Run folder", name, null);
        hint("created in " + vm.runsDir().toAbsolutePath());
        TextField extra = text("extra", vm.extraProperty());
        extra.setPromptText("key=value \u2026  e.g. logEvery=5 maxSteps=200");
        add("More settings", extra, null);

        Button start = new Button("Start"), stop = new Button("Stop"), resume = new Button("Resume\u2026");
        start.setId("start");
        stop.setId("stop");
        resume.setId("resume");
        start.getStyleClass().add("primary");
        start.setDefaultButton(true);
        start.disableProperty().bind(busy);
        resume.disableProperty().bind(busy);
        stop.disableProperty().bind(busy.not());
        start.setOnAction(e -> vm.start());
        stop.setOnAction(e -> vm.stop());
        resume.setOnAction(e -> chooseRun());
        HBox buttons = new HBox(8, start, stop, resume);
        form.add(buttons, 1, row++, 2, 1);
        GridPane.setMargin(buttons, new Insets(10, 0, 0, 0));
        Label error = new Label();
        error.setId("train-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        form.add(error, 0, row++, 3, 1);
        for (Node n : form.getChildren()) if (n instanceof TextField || n instanceof ChoiceBox || n instanceof HBox && n != buttons) {
            if (!n.disableProperty().isBound()) n.disableProperty().bind(busy);
        }
        return form;
    }

    private Node livePanel() {
        Label title = new Label();
        title.getStyleClass().add("panel-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.currentRunProperty().get() == null ? "No run yet"
                : vm.currentRunProperty().get().getFileName().toString(), vm.currentRunProperty()));
        ProgressBar bar = new ProgressBar();
        bar.setId("train-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setPrefHeight(16);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty().or(vm.progressProperty().greaterThan(0)));
        GridPane stats = new GridPane();
        stats.getStyleClass().add("live-stats");
        stats.setHgap(18);
        stats.setVgap(6);
        ColumnConstraints k = new ColumnConstraints(110);
        stats.getColumnConstraints().addAll(k, new ColumnConstraints());
        stat(stats, 0, "Step", "live-step", vm.stepTextProperty());
        stat(stats, 1, "Loss (total)", "live-loss", vm.lossTextProperty());
        stat(stats, 2, "Throughput", "live-speed", vm.speedTextProperty());
        stat(stats, 3, "ETA", "live-eta", vm.etaTextProperty());
        stat(stats, 4, "Peak memory", "live-memory", vm.memoryTextProperty());
        stat(stats, 5, "Last evaluation", "live-eval", vm.valTextProperty());
        Label status = new Label();
        status.setId("train-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        TextArea log = new TextArea();                  // wraps long lines and lets the user copy them
        log.setId("train-log");
        log.getStyleClass().add("train-log");
        log.setEditable(false);
        log.setWrapText(true);
        log.setPromptText("The trainer's derived numbers (parameters, steps, memory baseline) appear here when a run starts.");
        log.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", vm.log()), vm.log()));
        Label hint = new Label("Curves of this run: Runs tab. Stop saves checkpoints/last.safetensors; Resume continues it.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        VBox box = new VBox(10, title, bar, stats, status, new Separator(), new Label("Trainer log"), log, hint);
        VBox.setVgrow(log, Priority.ALWAYS);
        box.setPadding(new Insets(14, 16, 14, 16));
        box.getStyleClass().add("live-panel");
        return box;
    }

    private static void stat(GridPane g, int r, String key, String id, StringProperty value) {
        Label k = new Label(key);
        k.getStyleClass().add("stat-key");
        Label v = new Label();
        v.setId(id);
        v.getStyleClass().add("stat-value");
        v.textProperty().bind(value);
        g.addRow(r, k, v);
    }

    private void section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("form-section");
        l.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHalignment(l, HPos.LEFT);
        form.add(l, 0, row++, 3, 1);
        if (row > 1) GridPane.setMargin(l, new Insets(10, 0, 0, 0));
    }

    private void add(String label, Node field, Node after) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        form.add(l, 0, row);
        form.add(field, 1, row);
        if (after != null) form.add(after, 2, row);
        row++;
    }

    private void hint(String text) {
        Label h = new Label(text);
        h.getStyleClass().add("hint");
        h.setWrapText(true);
        form.add(h, 1, row++, 2, 1);
    }

    private static TextField text(String id, StringProperty p) {
        TextField t = new TextField();
        t.setId(id);
        t.textProperty().bindBidirectional(p);
        return t;
    }

    private static CheckBox check(String id, String text, javafx.beans.property.BooleanProperty p) {
        CheckBox c = new CheckBox(text);
        c.setId(id);
        c.selectedProperty().bindBidirectional(p);
        c.setMinWidth(Region.USE_PREF_SIZE);
        return c;
    }

    private static Node labelled(String text, TextField f) {
        HBox h = new HBox(4, new Label(text), f);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private static Label unit(String text) {
        Label u = new Label(text);
        u.getStyleClass().add("unit");
        u.setMinWidth(Region.USE_PREF_SIZE);
        return u;
    }

    private static <T> StringConverter<T> names(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override public String toString(T t) { return t == null ? "" : f.apply(t); }
            @Override public T fromString(String s) { throw new UnsupportedOperationException(); }
        };
    }

    private void chooseFolder(StringProperty target, String title) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        File start = Path.of(target.get()).toAbsolutePath().toFile();
        if (start.isDirectory()) c.setInitialDirectory(start);
        File f = c.showDialog(getScene().getWindow());
        if (f != null) target.set(f.getPath());
    }

    private void chooseFile(StringProperty target) {
        FileChooser c = new FileChooser();
        c.setTitle("Dataset file (captions JSON / CSV)");
        File f = c.showOpenDialog(getScene().getWindow());
        if (f != null) target.set(f.getPath());
    }

    private void chooseRun() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Run folder to resume");
        if (Files.isDirectory(vm.runsDir())) c.setInitialDirectory(vm.runsDir().toAbsolutePath().toFile());
        File f = c.showDialog(getScene().getWindow());
        if (f != null) vm.resume(f.toPath());
    }
}
