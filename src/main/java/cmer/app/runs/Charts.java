package cmer.app.runs;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeriesCollection;

/** Line charts in the Studio's look: white plot, light grid, the theme's colours, no shapes. */
final class Charts {
    private static final Color[] COLORS = {new Color(0x1f6fb2), new Color(0xd9822b), new Color(0x3a9d5d), new Color(0x8e44ad)};

    private Charts() { }

    static JFreeChart line(String title, String yLabel, XYSeriesCollection data) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, "step", yLabel, data, PlotOrientation.VERTICAL, true, true, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setTitle(new TextTitle(title, new Font("DejaVu Sans", Font.BOLD, 13)));
        chart.getLegend().setBackgroundPaint(Color.WHITE);
        chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xe3e8ed));
        plot.setRangeGridlinePaint(new Color(0xe3e8ed));
        plot.setOutlineVisible(false);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < COLORS.length; i++) {
            r.setSeriesPaint(i, COLORS[i]);
            r.setSeriesStroke(i, new BasicStroke(i == 0 ? 2f : 1.4f));
        }
        plot.setRenderer(r);
        return chart;
    }
}
