package cmer.cli;

import cmer.train.RunSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** A method comparison as a Markdown table: six recalls + mR, trainable parameters, peak memory, pairs/s. */
final class SummaryTable {
    private SummaryTable() { }

    static void print(PrintWriter out, List<RunSummary> rows) {
        out.println("| run | R@1 i2t | R@5 i2t | R@10 i2t | R@1 t2i | R@5 t2i | R@10 t2i | mR | trainable params | peak MiB | peak above idle MiB | pairs/s | step ms |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (RunSummary r : rows) {
            String recalls = "- | - | - | - | - | - | -";                                   // no test evaluation in the run
            if (r.test() != null) {
                double[] a = r.test().asArray();
                recalls = String.format(Locale.ROOT, "%.2f | %.2f | %.2f | %.2f | %.2f | %.2f | **%.2f**", a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
            }
            out.println(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s | %s |",
                    r.name(), recalls, r.trainable(), mib(r.peakBytes()), mib(r.peakAboveIdleBytes()), num(r.pairsPerS()), num(r.stepMs())));
        }
    }

    private static String mib(double b) { return Double.isNaN(b) ? "-" : String.format(Locale.ROOT, "%.0f", b / 1048576); }

    private static String num(double v) { return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v); }
}
