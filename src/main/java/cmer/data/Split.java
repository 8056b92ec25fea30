package cmer.data;

import java.util.Locale;
import java.util.Optional;

/** The evaluation split an image belongs to. */
public enum Split {
    TRAIN, VAL, TEST;

    /** Lower-case name as written in dataset files ({@code train}, {@code val}, {@code test}). */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** Parses {@code train}, {@code val}/{@code valid}/{@code validation}, {@code test}; empty for anything else. */
    public static Optional<Split> parse(String s) {
        if (s == null) return Optional.empty();
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "train", "training", "restval" -> Optional.of(TRAIN);
            case "val", "valid", "validation" -> Optional.of(VAL);
            case "test", "testing" -> Optional.of(TEST);
            default -> Optional.empty();
        };
    }
}
