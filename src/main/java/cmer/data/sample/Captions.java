package cmer.data.sample;

import cmer.data.TargetBox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Five captions per sample image, written from what the painter drew: scene sentences (colours, counts,
 * layout) and target sentences (how many planes/ships/cars/tanks, their colour and where they are), in several
 * phrasings and two styles (RSICD's lower case with " ." and RSITMD's sentence case), so retrieval cannot be a
 * template lookup.
 */
final class Captions {
    static final int PER_IMAGE = 5;
    private static final Map<String, List<String>> NAMES = Map.of("plane", List.of("plane", "airplane", "plane"),
            "ship", List.of("ship", "boat", "vessel"), "car", List.of("car", "vehicle", "car"), "tank", List.of("storage tank", "oil tank", "tank"));

    private Captions() { }

    static List<String> write(Canvas c, Facts f) {
        List<String> targetSentences = new ArrayList<>();
        for (Map.Entry<String, List<TargetBox>> e : Facts.byKind(c.targets).entrySet())
            targetSentences.addAll(aboutTargets(c, e.getKey(), e.getValue(), f.targetPlace.getOrDefault(e.getKey(), "")));
        List<String> scene = new ArrayList<>();                  // round robin over facts, each fact's phrasings shuffled
        List<List<String>> facts = shuffled(c, f.sentences.stream().map(ph -> shuffled(c, ph)).toList());
        int most = facts.stream().mapToInt(List::size).max().orElse(0);
        for (int k = 0; k < most; k++) for (List<String> ph : facts) if (k < ph.size()) scene.add(ph.get(k));
        Set<String> out = new LinkedHashSet<>();
        int wantTargets = targetSentences.isEmpty() ? 0 : Math.min(targetSentences.size(), c.i(2, 3));
        List<String> ts = shuffled(c, targetSentences), ss = scene;
        for (int k = 0; k < wantTargets; k++) {
            String t = ts.get(k);
            // sometimes join a scene sentence and a target sentence: "a long runway ... and three white planes ..."
            out.add(!ss.isEmpty() && c.chance(0.4) ? ss.get(k % ss.size()) + (c.chance(0.5) ? " and " : ", ") + t : t);
        }
        if (facts.size() >= 2) {                                   // one compound sentence of two facts, as annotators write
            List<String> a = facts.get(0), b = facts.get(facts.size() - 1);
            out.add(a.get(a.size() - 1) + c.pick(List.of(" and ", ", ", " while ")) + b.get(b.size() - 1));
        }
        for (String s : ss) if (out.size() < PER_IMAGE) out.add(s);
        for (int k = 0; out.size() < PER_IMAGE && k + 1 < facts.size(); k++)          // more compounds if still short
            out.add(facts.get(k).get(0) + (c.chance(0.5) ? " and " : ", ") + facts.get(k + 1).get(facts.get(k + 1).size() - 1));
        int extra = 0;
        while (out.size() < PER_IMAGE) out.add(fallback(c, f.scene, extra++));
        List<String> list = new ArrayList<>();
        boolean rsicdStyle = c.chance(0.5);
        for (String s : out) list.add(rsicdStyle ? s + " ." : Words.cap(s) + ".");
        return shuffled(c, list).subList(0, PER_IMAGE);
    }

    private static List<String> aboutTargets(Canvas c, String kind, List<TargetBox> boxes, String place) {
        int n = boxes.size();
        Map<String, Integer> colours = new LinkedHashMap<>();
        double cx = 0, cy = 0;
        for (TargetBox b : boxes) {
            colours.merge(b.colour(), 1, Integer::sum);
            cx += b.x() + b.width() / 2.0;
            cy += b.y() + b.height() / 2.0;
        }
        cx /= n;
        cy /= n;
        String top = colours.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String colourPhrase = colours.size() == 1 ? top + " " : "";
        String name = c.pick(NAMES.getOrDefault(kind, List.of(kind))), names = Words.noun(n, name), where = Words.where(c, cx, cy);
        String be = n == 1 ? "is" : "are", count = n == 1 ? (colours.size() == 1 ? article(colourPhrase) : "one") : Words.count(c, n);
        String at = place.isEmpty() ? where : place;
        List<String> out = new ArrayList<>();
        out.add(count + " " + colourPhrase + names + " " + be + " " + at);
        out.add("there " + be + " " + count + " " + names + " " + where);
        out.add(where + " there " + be + " " + count + " " + colourPhrase + names);
        if (n > 1 && colours.size() > 1)
            out.add(count + " " + names + " of different colors, most of them " + top + ", " + be + " " + at);
        else if (n > 1) out.add("all " + Words.count(c, n) + " " + names + " " + at + " are " + top);
        return out;
    }

    private static String article(String next) { return "aeiou".indexOf(next.isEmpty() ? 'x' : next.charAt(0)) >= 0 ? "an" : "a"; }

    private static String fallback(Canvas c, String scene, int k) {
        List<String> s = List.of("this is a " + scene + " scene seen from above", "an aerial view of " + scene, "a remote sensing image of " + scene);
        return s.get(k % s.size());
    }

    private static <T> List<T> shuffled(Canvas c, List<T> in) {
        List<T> l = new ArrayList<>(in);
        for (int i = l.size() - 1; i > 0; i--) {
            int j = c.rnd.nextInt(i + 1);
            T t = l.get(i);
            l.set(i, l.get(j));
            l.set(j, t);
        }
        return l;
    }
}
