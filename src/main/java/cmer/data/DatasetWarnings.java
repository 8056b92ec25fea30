package cmer.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Problems that do not stop reading a dataset (the bad item is skipped by training), counted per kind with
 * the first few messages kept so a report can show where they are. Thread-safe: loaders may add from workers.
 */
public final class DatasetWarnings {
    /** What went wrong with one item. */
    public enum Kind { BLANK_CAPTION, MISSING_IMAGE, CORRUPT_IMAGE, NO_CAPTIONS, UNREADABLE_GEOREFERENCING }

    /** How many messages per kind are kept verbatim. */
    public static final int EXAMPLES = 5;

    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private final Map<Kind, List<String>> examples = new EnumMap<>(Kind.class);

    /** Counts one warning; {@code where} names the file (and line) and what is wrong. */
    public synchronized void add(Kind kind, String where) {
        counts.merge(kind, 1, Integer::sum);
        List<String> ex = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (ex.size() < EXAMPLES) ex.add(where);
    }

    public synchronized int count(Kind kind) { return counts.getOrDefault(kind, 0); }

    public synchronized int total() { return counts.values().stream().mapToInt(Integer::intValue).sum(); }

    /** The first {@link #EXAMPLES} messages of a kind. */
    public synchronized List<String> examples(Kind kind) { return List.copyOf(examples.getOrDefault(kind, List.of())); }

    /** Counts per kind, in {@link Kind} order, kinds with no warning left out. */
    public synchronized Map<Kind, Integer> counts() { return new EnumMap<>(counts); }
}
