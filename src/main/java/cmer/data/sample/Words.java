package cmer.data.sample;

import java.util.List;

/** Number words and position phrases shared by the caption writers. */
final class Words {
    private static final String[] NUMBERS = {"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve"};

    private Words() { }

    /** "three", or for large counts a vaguer word ("many", "more than a dozen"). */
    static String count(Canvas c, int n) {
        if (n < NUMBERS.length) return NUMBERS[n];
        return c.pick(List.of("many", "lots of", "more than a dozen", "dozens of", "a large number of"));
    }

    /** Plural-aware noun: {@code noun(1, "car") = car}, {@code noun(3, "car") = cars}, "bus" → "buses". */
    static String noun(int n, String noun) {
        if (n == 1) return noun;
        if (noun.endsWith("s") || noun.endsWith("sh")) return noun + "es";
        return noun + "s";
    }

    /** Where a point lies in the image, in one of several phrasings ("in the top left corner", "at the upper left"). */
    static String where(Canvas c, double x, double y) {
        int col = x < c.size / 3.0 ? 0 : x < 2 * c.size / 3.0 ? 1 : 2, row = y < c.size / 3.0 ? 0 : y < 2 * c.size / 3.0 ? 1 : 2;
        String v = new String[] {"top", "middle", "bottom"}[row], h = new String[] {"left", "center", "right"}[col];
        String vAlt = new String[] {"upper", "middle", "lower"}[row];
        if (row == 1 && col == 1) return c.pick(List.of("in the middle", "in the center", "in the center of the image"));
        if (row == 1) return c.pick(List.of("on the " + h, "on the " + h + " side", "at the " + h + " of the image"));
        if (col == 1) return c.pick(List.of("at the " + v, "along the " + v, "at the " + v + " of the picture"));
        return c.pick(List.of("in the " + v + " " + h + " corner", "at the " + vAlt + " " + h, "in the " + vAlt + " " + h + " part"));
    }

    /** "left"/"right"/"top"/"bottom" side of a point (for "the river is on the left of ..."). */
    static String side(Canvas c, double x, double y) {
        double dx = x - c.size / 2.0, dy = y - c.size / 2.0;
        if (Math.abs(dx) > Math.abs(dy)) return dx < 0 ? "left" : "right";
        return dy < 0 ? "top" : "bottom";
    }

    static String cap(String s) { return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1); }
}
