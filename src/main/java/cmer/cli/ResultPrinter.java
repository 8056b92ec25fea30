package cmer.cli;

import cmer.core.Configs;
import cmer.search.CaptionRanker;
import cmer.search.Searcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints search results as a table or JSON (shared by search and export). */
final class ResultPrinter {
    private ResultPrinter() { }

    static void hits(Searcher s, List<Searcher.Result> rs, boolean json, PrintWriter out) throws IOException {
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Searcher.Result r : rs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rank", r.rank());
                m.put("score", r.score());
                m.put("similarity", r.similarity());
                m.put("sceneLogProb", r.sceneLogProb());
                m.put("scene", r.entry().scene());
                m.put("file", r.entry().path());
                m.put("footprint", r.entry().footprint().map(f -> Map.of("crs", f.crs(), "bboxLonLat", f.bboxLonLat())).orElse(null));
                m.put("caption", r.entry().caption());
                rows.add(m);
            }
            out.println(Configs.JSON.writeValueAsString(rows));
            return;
        }
        out.printf("%d images, %s search, model %s%n", s.size(), s.method(), s.index().header().model());
        out.printf("%4s %8s  %-18s %-28s %-44s %s%n", "rank", "score", "scene", "file", "footprint", "caption");
        for (Searcher.Result r : rs)
            out.printf("%4d %8.4f  %-18s %-28s %-44s %s%n", r.rank(), r.score(), r.entry().scene(), Path.of(r.entry().path()).getFileName(),
                    r.entry().footprintSummary(), cut(r.entry().caption(), 80));
        if (rs.isEmpty()) out.println("no image passes the filters");
    }

    static void captions(List<CaptionRanker.Ranked> rs, boolean json, PrintWriter out) throws IOException {
        if (json) {
            out.println(Configs.JSON.writeValueAsString(rs));
            return;
        }
        out.printf("%4s %8s  %-24s %s%n", "rank", "score", "image", "caption");
        for (CaptionRanker.Ranked r : rs) out.printf("%4d %8.4f  %-24s %s%n", r.rank(), r.score(), r.imageId(), r.caption());
    }

    private static String cut(String s, int n) { return s.length() <= n ? s : s.substring(0, n - 1) + "…"; }
}
