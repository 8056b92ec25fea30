package cmer.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain-Java CLIP BPE encoder (OpenAI's simple_tokenizer.bpe): the reference the HuggingFace tokenizer is
 * tested against, and what {@link BpeTokenizerBuilder} uses to describe its result. The product encodes
 * through DJL's HuggingFaceTokenizer (Rust, faster); this one is kept small and obvious.
 */
public final class BpeEncoder {
    public static final String EOW = "</w>";
    private final Map<String, Integer> vocab;
    private final Map<String, Integer> ranks = new HashMap<>();

    /** @param merges "a b" pairs in rank order */
    public BpeEncoder(Map<String, Integer> vocab, List<String> merges) {
        this.vocab = vocab;
        for (int i = 0; i < merges.size(); i++) ranks.put(merges.get(i), i);
    }

    /** Token ids of a text, without start/end tokens. */
    public List<Integer> encode(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String piece : ClipText.preTokenize(ClipText.clean(text)))
            for (String sym : bpe(piece)) ids.add(vocab.get(sym));
        return ids;
    }

    /** Merges the lowest-ranked adjacent pair until none is in the merge list. */
    List<String> bpe(String piece) {
        List<String> word = new ArrayList<>();
        piece.codePoints().forEach(cp -> word.add(new String(Character.toChars(cp))));
        word.set(word.size() - 1, word.get(word.size() - 1) + EOW);
        while (word.size() > 1) {
            int best = -1, bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < word.size(); i++) {
                Integer r = ranks.get(word.get(i) + " " + word.get(i + 1));
                if (r != null && r < bestRank) { bestRank = r; best = i; }
            }
            if (best < 0) break;
            String a = word.get(best), b = word.get(best + 1);
            for (int i = 0; i + 1 < word.size(); i++)        // merge every occurrence of the pair, left to right
                if (word.get(i).equals(a) && word.get(i + 1).equals(b)) { word.set(i, a + b); word.remove(i + 1); }
        }
        return word;
    }
}
