package cmer.data.sample;

import cmer.data.TargetBox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a painter drew, as sentences a caption writer can use: scene sentences (each names something concrete:
 * colours, counts, where it lies) and the ground-truth targets on the canvas.
 */
final class Facts {
    final String scene;
    /** One entry per fact: its phrasings (captions pick different phrasings of the same fact). */
    final List<List<String>> sentences = new ArrayList<>();
    /** Where targets of one kind stand, e.g. "on the apron" (used in target sentences). */
    final Map<String, String> targetPlace = new LinkedHashMap<>();

    Facts(String scene) { this.scene = scene; }

    /** Adds one fact in several phrasings. */
    void say(Canvas c, String... phrasings) { sentences.add(List.of(phrasings)); }

    /** Targets grouped by kind, in order of first appearance. */
    static Map<String, List<TargetBox>> byKind(List<TargetBox> targets) {
        Map<String, List<TargetBox>> m = new LinkedHashMap<>();
        for (TargetBox t : targets) m.computeIfAbsent(t.kind(), k -> new ArrayList<>()).add(t);
        return m;
    }
}
