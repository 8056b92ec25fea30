package cmer.app.runs;

import cmer.app.runs.RunsViewModel.EvalRow;
import cmer.app.runs.RunsViewModel.RunRow;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;

/** The Runs tab: run folders on the left; loss, throughput, memory curves and the evaluation table on the right. */
public final class RunsView extends SplitPane {
    private final RunsViewModel vm;
    private ScheduledExecutorService poller;

    public RunsView(RunsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("runs-view");
        ListView<RunRow> list = new ListView<>(vm.runs());
        list.setId("runs-list");
        list.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> vm.selectedProperty().set(row));
        vm.selectedProperty().addListener((o, a, row) -> {                // selected from elsewhere (a run just started)
            if (row != list.getSelectionModel().getSelectedItem()) list.getSelectionModel().select(row);
        });
        Label listStatus = new Label();
        listStatus.setWrapText(true);
        listStatus.textProperty().bind(vm.statusProperty());
        listStatus.getStyleClass().add("hint");
        VBox left = new VBox(6, new Label("Run folders"), list, listStatus);
        left.setPadding(new Insets(8));
        VBox.setVgrow(list, Priority.ALWAYS);

        Label summary = new Label();
        summary.setId("run-summary");
        summary.getStyleClass().add("run-summary");
        summary.textProperty().bind(vm.summaryProperty());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.add(new ChartViewer(Charts.line("Loss", "loss", vm.loss())), 0, 0);
        grid.add(new ChartViewer(Charts.line("Throughput", "pairs / s", vm.speed())), 1, 0);
        grid.add(new ChartViewer(Charts.line("Memory", "MiB", vm.memory())), 0, 1);
        grid.add(evalTable(), 1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            grid.getColumnConstraints().add(c);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            grid.getRowConstraints().add(r);
        }
        BorderPane right = new BorderPane(grid, summary, null, null, null);
        BorderPane.setMargin(summary, new Insets(4, 0, 8, 0));
        right.setPadding(new Insets(8));
        getItems().addAll(left, right);
        setDividerPositions(0.2);
    }

    private TableView<EvalRow> evalTable() {
        TableView<EvalRow> t = new TableView<>(vm.evals());
        t.setId("eval-table");
        t.setPlaceholder(new Label("No evaluation yet (one per epoch on the val split)."));
        t.getColumns().add(col("step", r -> String.valueOf(r.step())));
        t.getColumns().add(col("split", EvalRow::split));
        TableColumn<EvalRow, String> i2t = new TableColumn<>("image \u2192 text"), t2i = new TableColumn<>("text \u2192 image");
        i2t.getColumns().addAll(List.of(col("R@1", r -> pct(r.r1i2t())), col("R@5", r -> pct(r.r5i2t())), col("R@10", r -> pct(r.r10i2t()))));
        t2i.getColumns().addAll(List.of(col("R@1", r -> pct(r.r1t2i())), col("R@5", r -> pct(r.r5t2i())), col("R@10", r -> pct(r.r10t2i()))));
        t.getColumns().addAll(List.of(i2t, t2i, col("mR", r -> pct(r.mr()))));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return t;
    }

    private static TableColumn<EvalRow, String> col(String name, Function<EvalRow, String> f) {
        TableColumn<EvalRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    private static String pct(double v) { return Double.isNaN(v) ? "" : String.format("%.2f", v); }

    /** Starts polling the runs folder (every 5 s) and the selected run (every second) on a daemon thread. */
    public void startPolling() {
        if (poller != null) return;
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "runs-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(vm::refreshRuns, 0, 5, TimeUnit.SECONDS);
        poller.scheduleWithFixedDelay(vm::poll, 200, 1000, TimeUnit.MILLISECONDS);
    }

    public void stopPolling() {
        if (poller != null) poller.shutdownNow();
        poller = null;
    }
}
