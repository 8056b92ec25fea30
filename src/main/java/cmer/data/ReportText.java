package cmer.data;

import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** Formats a {@link DatasetReport} as aligned text tables for a terminal. */
final class ReportText {
    private static final int BAR = 30;

    private ReportText() { }

    static String format(DatasetReport r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("Dataset   %s (%s)%nImages at %s%n%n", r.name(), r.format(), r.root()));
        String[] heads = {"split", "images", "captions", "unique", "duplicate", "blank", "all-blank img", "missing img", "no georef"};
        List<ToIntFunction<DatasetReport.SplitStats>> cols = List.of(DatasetReport.SplitStats::images, DatasetReport.SplitStats::captions,
                DatasetReport.SplitStats::uniqueCaptions, DatasetReport.SplitStats::duplicateCaptions, DatasetReport.SplitStats::blankCaptions,
                DatasetReport.SplitStats::allBlankImages, DatasetReport.SplitStats::missingImages, DatasetReport.SplitStats::noGeoreferencing);
        b.append(String.format("%-6s", heads[0]));
        for (int i = 1; i < heads.length; i++) b.append(String.format("  %" + width(heads[i]) + "s", heads[i]));
        b.append('\n');
        for (Map.Entry<String, DatasetReport.SplitStats> e : r.splits().entrySet()) {
            b.append(String.format("%-6s", e.getKey()));
            for (int i = 0; i < cols.size(); i++) b.append(String.format("  %" + width(heads[i + 1]) + "s", n(cols.get(i).applyAsInt(e.getValue()))));
            b.append('\n');
        }
        if (r.splits().size() > 1) {
            b.append(String.format("%-6s", "total"));
            for (int i = 0; i < cols.size(); i++) {
                // unique/duplicate do not add up across splits (the same caption may be in two splits): leave blank
                String v = i == 2 || i == 3 ? "" : n(r.total(cols.get(i)));
                b.append(String.format("  %" + width(heads[i + 1]) + "s", v));
            }
            b.append('\n');
        }
        b.append("(no georef: image files present but without GeoTIFF tags or world file + .prj)\n\nCaption length in words:");
        r.splits().forEach((k, v) -> b.append(String.format("  %s mean %.1f, max %d", k, v.meanWords(), v.maxWords())));
        b.append('\n');
        b.append("\nCaptions per image:");
        r.captionsPerImage().forEach((k, v) -> b.append(String.format("  %d → %s images", k, n(v))));
        b.append(String.format("%n%nScenes (%d):%n", r.scenesCount()));
        int max = r.scenes().values().stream().mapToInt(Integer::intValue).max().orElse(1);
        int nameW = r.scenes().keySet().stream().mapToInt(String::length).max().orElse(5);
        r.scenes().forEach((k, v) -> b.append(String.format("  %-" + nameW + "s %7s  %s%n", k, n(v),
                "#".repeat(Math.max(1, (int) Math.round(BAR * (double) v / max))))));
        if (!r.warnings().isEmpty()) {
            b.append("\nWarnings (skipped by training, never fatal):\n");
            r.warnings().forEach((k, v) -> {
                b.append(String.format("  %-26s %7s%n", k.replace('_', ' '), n(v)));
                for (String ex : r.examples().getOrDefault(k, List.of())) b.append("      e.g. ").append(ex).append('\n');
            });
        }
        return b.toString();
    }

    private static int width(String head) { return Math.max(head.length(), 7); }

    private static String n(int v) { return String.format("%,d", v); }
}
