package cmer.cli;

import cmer.eval.RetrievalMetrics;
import java.io.PrintWriter;
import java.util.Locale;

/** The six recalls and mR as one aligned table row (shared by train, eval, demo and bench). */
final class RecallTable {
    static final String HEADER = String.format(Locale.ROOT, "%-22s %7s %7s %7s %7s %7s %7s %7s",
            "", "R@1 i2t", "R@5 i2t", "R@10i2t", "R@1 t2i", "R@5 t2i", "R@10t2i", "mR");

    private RecallTable() { }

    static String row(String name, RetrievalMetrics.Recalls r) {
        double[] a = r.asArray();
        return String.format(Locale.ROOT, "%-22s %7.2f %7.2f %7.2f %7.2f %7.2f %7.2f %7.2f", name, a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    }

    static void print(PrintWriter out, String name, RetrievalMetrics.Recalls r) {
        out.println(HEADER);
        out.println(row(name, r));
    }
}
