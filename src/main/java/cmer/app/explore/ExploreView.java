package cmer.app.explore;

import cmer.app.explore.ExploreViewModel.Hit;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/** The Explore tab: a sentence in, ranked imagery out, where the model looked, export for a GIS. */
public final class ExploreView extends BorderPane {
    private final ExploreViewModel vm;
    private final TilePane results = new TilePane(10, 10);

    public ExploreView(ExploreViewModel vm) {
        this.vm = vm;
        getStyleClass().add("explore-view");
        setTop(toolbar());
        setCenter(body());
        Label status = new Label();
        status.setId("explore-status");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("hint");
        setBottom(status);
        BorderPane.setMargin(status, new Insets(4, 10, 4, 10));
        vm.hits().addListener((ListChangeListener<Hit>) c -> showHits());
        vm.selectedProperty().addListener((o, a, b) -> markSelected());
    }

    private VBox toolbar() {
        TextField query = new TextField();
        query.setId("query");
        query.setPromptText("Describe what you are looking for, e.g. three planes parked beside the terminal");
        query.textProperty().bindBidirectional(vm.queryProperty());
        query.setOnAction(e -> vm.search());
        HBox.setHgrow(query, Priority.ALWAYS);
        Spinner<Integer> top = new Spinner<>(1, 500, vm.topKProperty().get());
        top.setId("top-k");
        top.setPrefWidth(80);
        top.valueProperty().addListener((o, a, b) -> vm.topKProperty().set(b));
        Slider beta = new Slider(0, 1, vm.sceneBetaProperty().get());
        beta.setId("beta");
        beta.setPrefWidth(110);
        vm.sceneBetaProperty().bind(beta.valueProperty());
        Label betaValue = new Label();
        betaValue.textProperty().bind(beta.valueProperty().asString(Locale.ROOT, "%.2f"));
        Button search = new Button("Search");
        search.setId("search");
        search.setDefaultButton(true);
        search.disableProperty().bind(vm.busyProperty());
        search.setOnAction(e -> vm.search());
        HBox row1 = new HBox(8, query, new Label("top"), top, new Label("scene-aware \u03b2"), beta, betaValue, search);
        row1.setAlignment(Pos.CENTER_LEFT);

        Label index = new Label();
        index.setId("index-line");
        index.textProperty().bind(vm.indexLineProperty());
        index.getStyleClass().add("hint");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button open = new Button("Open index\u2026");
        open.setOnAction(e -> choose("Open an index folder (made by cmer index)").ifPresent(vm::openIndex));
        Button export = new Button("Export\u2026");
        export.setId("export");
        export.disableProperty().bind(vm.busyProperty());
        export.setOnAction(e -> choose("Folder to export into (a new sub-folder is created)").ifPresent(
                d -> vm.export(d.resolve("cmer-export-" + slug(vm.queryProperty().get())), false)));
        HBox row2 = new HBox(8, index, grow, open, export);
        row2.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, row1, row2);
        box.setPadding(new Insets(10));
        box.getStyleClass().add("explore-toolbar");
        return box;
    }

    private SplitPane body() {
        results.setId("results");
        results.setPadding(new Insets(10));
        results.setPrefColumns(4);
        ScrollPane scroll = new ScrollPane(results);
        scroll.setFitToWidth(true);
        ImageView image = new ImageView();
        image.setId("detail-image");
        image.setPreserveRatio(true);
        image.setFitWidth(400);
        image.setFitHeight(400);
        image.setSmooth(true);
        image.imageProperty().bind(vm.detailImageProperty());
        CheckBox attention = new CheckBox("Show where the model looked (attention map)");
        attention.setId("attention");
        attention.selectedProperty().bindBidirectional(vm.showAttentionProperty());
        Label detail = new Label();
        detail.setId("detail");
        detail.setWrapText(true);
        detail.textProperty().bind(vm.detailProperty());
        VBox right = new VBox(10, image, attention, detail);
        right.setPadding(new Insets(10));
        right.getStyleClass().add("detail-pane");
        SplitPane split = new SplitPane(scroll, right);
        split.setDividerPositions(0.58);
        return split;
    }

    private void showHits() {
        results.getChildren().setAll(vm.hits().stream().map(this::card).toList());
        markSelected();
    }

    private VBox card(Hit h) {
        ImageView thumb = new ImageView(new Image(h.thumbnail().toUri().toString(), 128, 128, true, true, true));
        thumb.setFitWidth(128);
        thumb.setFitHeight(128);
        Label title = new Label(h.title());
        title.getStyleClass().add("hit-title");
        Label scene = new Label(h.scene());
        scene.getStyleClass().add("hint");
        VBox card = new VBox(3, thumb, title, scene);
        card.getStyleClass().add("hit-card");
        card.setUserData(h);
        card.setOnMouseClicked(e -> vm.selectedProperty().set(h));
        return card;
    }

    private void markSelected() {
        results.getChildren().forEach(n -> {
            n.getStyleClass().remove("selected");
            if (n.getUserData() == vm.selectedProperty().get()) n.getStyleClass().add("selected");
        });
    }

    private java.util.Optional<Path> choose(String title) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        File f = c.showDialog(getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    static String slug(String s) {
        String t = s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return t.isEmpty() ? "results" : t.length() > 40 ? t.substring(0, 40) : t;
    }
}
