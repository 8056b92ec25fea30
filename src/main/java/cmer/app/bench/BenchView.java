package cmer.app.bench;

import cmer.app.bench.BenchViewModel.Row;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.RowConstraints;
import javafx.geometry.Orientation;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/** The Benchmark tab: finished runs side by side (table), test mR and peak memory per run (bar charts). */
public final class BenchView extends BorderPane {
    private static final Color[] COLORS = {new Color(0x1f6fb2), new Color(0xd9822b)};
    private final BenchViewModel vm;

    public BenchView(BenchViewModel vm) {
        this.vm = vm;
        getStyleClass().add("bench-view");
        Button refresh = new Button("Refresh");
        refresh.setId("bench-refresh");
        refresh.disableProperty().bind(vm.busyProperty());
        refresh.setOnAction(e -> vm.refresh());
        Label status = new Label();
        status.setId("bench-status");
        status.getStyleClass().add("hint");
        status.textProperty().bind(vm.statusProperty());
        HBox top = new HBox(12, refresh, status);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8, 10, 8, 10));
        top.getStyleClass().add("explore-toolbar");
        setTop(top);

        GridPane charts = new GridPane();
        charts.setHgap(8);
        charts.add(new ChartViewer(bars("Test mR (best checkpoint)", "mR (%)", vm.mrChart())), 0, 0);
        charts.add(new ChartViewer(bars("Peak memory while training", "MiB", vm.memoryChart())), 1, 0);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            charts.getColumnConstraints().add(c);
        }
        RowConstraints r = new RowConstraints();
        r.setPercentHeight(100);
        charts.getRowConstraints().add(r);
        SplitPane split = new SplitPane(table(), charts);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        split.setPadding(new Insets(8));
        setCenter(split);
    }

    private TableView<Row> table() {
        TableView<Row> t = new TableView<>(vm.rows());
        t.setId("bench-table");
        t.getStyleClass().add("bench-table");
        t.setPlaceholder(new Label("No finished runs yet: train one in the Train tab (or ./cmer train), then Refresh."));
        TableColumn<Row, String> sw = group("CMER switches", col("focus", 48, r -> r.focus() == null ? "\u2014" : r.focus() ? "on" : "off"),
                col("scene p", 58, r -> r.sceneP() == null ? "\u2014" : r.sceneP() == 0 ? "off" : String.format("%.2f", r.sceneP())),
                col("queue", 56, r -> r.queueSize() == null ? "\u2014" : r.queueSize() == 0 ? "off" : String.format("%,d", r.queueSize())));
        TableColumn<Row, String> mem = group("peak memory (MiB)", num("raw", 60, r -> fmt("%,.0f", r.peakMib())),
                num("above idle", 80, r -> fmt("%,.0f", r.peakAboveIdleMib())));
        TableColumn<Row, String> i2t = group("test image\u2192text (%)", num("R@1", 54, r -> fmt("%.2f", r.r1I2t())),
                num("R@5", 54, r -> fmt("%.2f", r.r5I2t())), num("R@10", 54, r -> fmt("%.2f", r.r10I2t())));
        TableColumn<Row, String> t2i = group("test text\u2192image (%)", num("R@1", 54, r -> fmt("%.2f", r.r1T2i())),
                num("R@5", 54, r -> fmt("%.2f", r.r5T2i())), num("R@10", 54, r -> fmt("%.2f", r.r10T2i())));
        TableColumn<Row, String> mr = num("test mR", 68, r -> fmt("%.2f", r.mr()));
        mr.getStyleClass().add("key-column");
        t.getColumns().addAll(List.of(col("run", 150, Row::name), col("method", 66, Row::method), sw,
                num("trainable", 92, r -> String.format("%,d", r.trainable())), mem,
                num("pairs/s", 60, r -> fmt("%.1f", r.pairsPerS())), num("best val mR", 86, r -> fmt("%.2f", r.bestValMr())), i2t, t2i, mr));
        t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);     // fixed widths; a scroll bar rather than "…"
        return t;
    }

    @SafeVarargs
    private static TableColumn<Row, String> group(String name, TableColumn<Row, String>... cols) {
        TableColumn<Row, String> g = new TableColumn<>(name);
        g.getColumns().addAll(cols);
        return g;
    }

    private static TableColumn<Row, String> col(String name, double width, Function<Row, String> f) {
        TableColumn<Row, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
        return c;
    }

    private static TableColumn<Row, String> num(String name, double width, Function<Row, String> f) {
        TableColumn<Row, String> c = col(name, width, f);
        c.getStyleClass().add("number-column");
        return c;
    }

    private static String fmt(String f, double v) { return Double.isNaN(v) ? "\u2014" : String.format(f, v); }

    private static JFreeChart bars(String title, String yLabel, DefaultCategoryDataset data) {
        JFreeChart chart = ChartFactory.createBarChart(title, null, yLabel, data, PlotOrientation.VERTICAL, true, true, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setTitle(new TextTitle(title, new Font("DejaVu Sans", Font.BOLD, 13)));
        chart.getLegend().setBackgroundPaint(Color.WHITE);
        chart.getLegend().setFrame(BlockBorder.NONE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xe3e8ed));
        plot.setOutlineVisible(false);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.6f);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.12);
        for (int i = 0; i < COLORS.length; i++) r.setSeriesPaint(i, COLORS[i]);
        return chart;
    }
}
