package cmer.app.shell;

import java.util.Map;
import javafx.scene.Node;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The main window: header, the four work tabs, status bar. Tabs get their screens from later views. */
public final class ShellView extends BorderPane {
    private final ShellViewModel vm;
    private final TabPane tabs = new TabPane();

    public ShellView(ShellViewModel vm) { this(vm, Map.of()); }

    /** @param screens tab id ({@code train}, {@code explore}, {@code runs}, {@code benchmark}) → its screen; the others show how to do it from the CLI */
    public ShellView(ShellViewModel vm, Map<String, Node> screens) {
        this.vm = vm;
        getStyleClass().add("shell");
        setTop(header());
        tabs.setId("tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(
                tab("train", "Train", "Fine-tune a CLIP model with CMER",
                        "Pick a dataset and a pretrained backbone, choose a method (zero-shot, full fine-tune, adapter, CMER) "
                                + "and watch loss, memory and throughput live.",
                        "./cmer train --config run.yaml --run-dir runs/my-run"),
                tab("explore", "Explore", "Search an archive with a sentence",
                        "Type \"three planes parked beside the terminal\", browse the ranked imagery, see where the model looked, "
                                + "and export the results to GeoTIFF, shapefile or GeoPackage.",
                        "./cmer search --index my-index \"three planes parked beside the terminal\""),
                tab("runs", "Runs", "Compare training runs",
                        "Every run is a folder (config.json, metrics.jsonl, checkpoints, eval.json); runs started on a GPU server "
                                + "show up here live when their folder is shared.",
                        "./cmer eval --run runs/my-run --split test"),
                tab("benchmark", "Benchmark", "Measure speed and memory",
                        "Compare methods at the same batch size: pairs/s, peak memory and R@K/mR side by side.",
                        "./cmer bench search"));
        for (Tab t : tabs.getTabs()) {
            Node screen = screens.get(t.getId().substring("tab-".length()));
            if (screen != null) t.setContent(screen);
        }
        setCenter(tabs);
        setBottom(statusBar());
    }

    public TabPane tabs() { return tabs; }

    private HBox header() {
        Label title = new Label("CMER Studio");
        title.getStyleClass().add("app-title");
        Label subtitle = new Label("remote-sensing text\u2013image retrieval");
        subtitle.getStyleClass().add("app-subtitle");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button about = new Button("About");
        about.setId("about");
        about.setOnAction(e -> showAbout());
        HBox box = new HBox(12, title, subtitle, grow, about);
        box.setAlignment(Pos.BASELINE_LEFT);
        box.getStyleClass().add("header");
        return box;
    }

    private static Tab tab(String id, String name, String heading, String text, String command) {
        Label h = new Label(heading);
        h.getStyleClass().add("empty-heading");
        Label body = new Label(text);
        body.setWrapText(true);
        body.getStyleClass().add("empty-text");
        Label hint = new Label("From the command line today:");
        hint.getStyleClass().add("empty-hint");
        Label cmd = new Label(command);
        cmd.getStyleClass().add("command");
        VBox box = new VBox(10, h, body, hint, cmd);
        box.setMaxWidth(620);
        box.setAlignment(Pos.CENTER_LEFT);
        VBox.setMargin(hint, new Insets(14, 0, 0, 0));
        BorderPane pane = new BorderPane(box);
        pane.getStyleClass().add("empty-state");
        Tab t = new Tab(name, pane);
        t.setId("tab-" + id);
        return t;
    }

    private HBox statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        HBox bar = new HBox(status);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void showAbout() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        a.setTitle("About CMER Studio");
        a.setHeaderText("CMER Studio: resource-efficient remote-sensing text\u2013image retrieval");
        a.getDialogPane().setContent(aboutGrid(vm.aboutRows()));
        a.getDialogPane().setId("about-dialog");
        a.initOwner(getScene().getWindow());
        a.show();
    }

    static GridPane aboutGrid(Map<String, String> rows) {
        GridPane g = new GridPane();
        g.setHgap(16);
        g.setVgap(4);
        int r = 0;
        for (var e : rows.entrySet()) {
            Label k = new Label(e.getKey());
            k.getStyleClass().add("about-key");
            g.addRow(r++, k, new Label(e.getValue()));
        }
        Label method = new Label("Method: Zhang et al. 2025, arXiv 2501.10638 (our reading: docs/CMER-METHOD.md).");
        method.setWrapText(true);
        g.add(method, 0, r, 2, 1);
        return g;
    }
}
