package cmer.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A seeded corpus of remote-sensing-like captions for tokenizer tests. */
final class Corpus {
    private static final String[] ADJ = {"large", "small", "dense", "green", "white", "many", "several", "curved", "bare", "busy"};
    private static final String[] NOUN = {"airport", "planes", "buildings", "farmland", "river", "bridge", "trees", "harbor",
            "ships", "roads", "stadium", "parking lot", "residential area", "beach", "desert", "forest", "railway station"};
    private static final String[] REL = {"near", "beside", "around", "across", "along", "in the middle of", "next to"};

    private Corpus() { }

    static List<String> captions(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++)
            out.add("There are " + pick(r, ADJ) + " " + pick(r, NOUN) + " " + pick(r, REL) + " a " + pick(r, ADJ) + " "
                    + pick(r, NOUN) + (r.nextBoolean() ? "." : ", and " + (2 + r.nextInt(40)) + " " + pick(r, NOUN) + "."));
        return out;
    }

    private static String pick(Random r, String[] a) { return a[r.nextInt(a.length)]; }
}
