package cmer.app.explore;

import cmer.app.task.TaskExecutor;
import cmer.geo.export.ExportOptions;
import cmer.search.AttentionMaps;
import cmer.search.Searcher;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

/**
 * The Explore screen's state and actions: open an index, search a sentence, show where the model looked
 * for the selected hit, export the ranked set. No Node here; slow work goes through the TaskExecutor.
 */
public final class ExploreViewModel {
    /** One hit as the results grid shows it. */
    public record Hit(Searcher.Result result, Path thumbnail) {
        public String title() { return String.format(Locale.ROOT, "#%d  %.3f", result.rank(), result.score()); }
        public String scene() { return result.entry().scene(); }
    }

    private final ExploreService service;
    private final TaskExecutor tasks;
    private final StringProperty query = new SimpleStringProperty("");
    private final IntegerProperty topK = new SimpleIntegerProperty(24);
    private final DoubleProperty sceneBeta = new SimpleDoubleProperty(0);
    private final BooleanProperty showAttention = new SimpleBooleanProperty(true);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("Open an index (cmer index builds one) to search it.");
    private final StringProperty indexLine = new SimpleStringProperty("No index open");
    private final StringProperty detail = new SimpleStringProperty("");
    private final ObjectProperty<Image> detailImage = new SimpleObjectProperty<>();
    private final ObjectProperty<Hit> selected = new SimpleObjectProperty<>();
    private final ObservableList<Hit> hits = FXCollections.observableArrayList();
    private ExploreService.IndexInfo index;
    private String lastQuery = "";

    public ExploreViewModel(ExploreService service, TaskExecutor tasks) {
        this.service = service;
        this.tasks = tasks;
        selected.addListener((o, a, hit) -> showDetail());
        showAttention.addListener((o, a, b) -> showDetail());
    }

    public StringProperty queryProperty() { return query; }
    public IntegerProperty topKProperty() { return topK; }
    public DoubleProperty sceneBetaProperty() { return sceneBeta; }
    public BooleanProperty showAttentionProperty() { return showAttention; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty statusProperty() { return status; }
    public StringProperty indexLineProperty() { return indexLine; }
    public StringProperty detailProperty() { return detail; }
    public ObjectProperty<Image> detailImageProperty() { return detailImage; }
    public ObjectProperty<Hit> selectedProperty() { return selected; }
    public ObservableList<Hit> hits() { return hits; }

    public void openIndex(Path dir) {
        run("Opening " + dir + " ...", () -> service.open(dir), this::opened);
    }

    /** Indexes a folder or dataset with a model first (or brings its index up to date), then opens it. */
    public void buildIndex(Path model, Path images, Path indexDir) {
        run("Indexing " + images + " ...", () -> service.build(model, images, indexDir,
                (done, total, msg) -> { }), this::opened);
    }

    private void opened(ExploreService.IndexInfo info) {
        index = info;
        hits.clear();
        indexLine.set(String.format(Locale.ROOT, "Index %s  \u00b7  %,d images  \u00b7  %s search  \u00b7  %s", info.dir().getFileName(),
                info.images(), info.method(), info.model()));
        status.set("Type a sentence and press Search.");
    }

    public void search() {
        String q = query.get() == null ? "" : query.get().strip();       // read properties here, not in the task
        if (index == null) { status.set("Open an index first."); return; }
        if (q.isEmpty()) { status.set("Type a sentence to search, e.g. \"three planes parked beside the terminal\"."); return; }
        Searcher.Query sq = query(q);
        long t0 = System.nanoTime();
        run("Searching ...", () -> service.search(sq).stream().map(r -> new Hit(r, service.thumbnail(r.entry()))).toList(), rs -> {
            lastQuery = q;
            hits.setAll(rs);
            status.set(String.format(Locale.ROOT, "%d results for \"%s\" in %.0f ms%s", rs.size(), q, (System.nanoTime() - t0) / 1e6,
                    sceneBeta.get() > 0 ? String.format(Locale.ROOT, " (scene-aware, \u03b2 = %.2f)", sceneBeta.get()) : ""));
            selected.set(rs.isEmpty() ? null : rs.get(0));
        });
    }

    /** Exports the current query's ranked set (same top K and filters) into {@code dir}. */
    public void export(Path dir, boolean force) {
        if (lastQuery.isEmpty()) { status.set("Search first; the export writes the ranked results."); return; }
        Searcher.Query sq = query(lastQuery);
        run("Exporting to " + dir + " ...", () -> service.export(sq, dir, ExportOptions.defaults().withForce(force)), r -> status.set(
                "Exported " + r.files().size() + " files to " + r.target()
                        + (r.notGeoreferenced().isEmpty() ? "" : "; " + r.notGeoreferenced().size() + " without georeferencing (listed in the CSV)")
                        + (r.warnings().isEmpty() ? "" : "; " + r.warnings().size() + " warning(s)")));
    }

    private Searcher.Query query(String q) {
        return new Searcher.Query(q, Math.max(1, topK.get()), List.of(), 0, sceneBeta.get(), null);
    }

    private void showDetail() {
        Hit h = selected.get();
        detailImage.set(null);
        if (h == null) { detail.set(""); return; }
        var e = h.result().entry();
        detail.set(String.format(Locale.ROOT, "#%d  %s%nscore %.4f = similarity %.4f%s%nscene %s%s%n%s%s", h.result().rank(),
                Path.of(e.path()).getFileName(), h.result().score(), h.result().similarity(),
                sceneBeta.get() > 0 ? String.format(Locale.ROOT, " + %.2f \u00b7 log P(scene) %.3f", sceneBeta.get(), h.result().sceneLogProb()) : "",
                e.scene(), e.label().isEmpty() || e.label().equals(e.scene()) ? "" : " (dataset label " + e.label() + ")",
                e.footprintSummary(), e.caption().isEmpty() ? "" : "\n\u201c" + e.caption() + "\u201d"));
        if (!showAttention.get()) {
            detailImage.set(new Image(Path.of(e.path()).toUri().toString(), true));
            return;
        }
        String q = lastQuery;
        tasks.execute(() -> SwingFXUtils.toFXImage(service.overlay(e, q, AttentionMaps.Kind.QUERY), null),
                im -> { if (selected.get() == h) detailImage.set(im); }, err -> status.set(message(err)), () -> { });
    }

    private <T> void run(String message, java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> done) {
        status.set(message);
        busy.set(true);
        tasks.execute(work, done, err -> status.set(message(err)), () -> busy.set(false));
    }

    static String message(Throwable t) {
        Throwable c = t;
        while (!(c instanceof cmer.core.CmerException) && c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c instanceof cmer.core.CmerException ? c.getMessage() : "Something went wrong: " + t;
    }
}
