package cmer.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WordPiece through DJL with its padding/truncation options, against a greedy longest-match reference. */
class BertTokenizerTest {
    @TempDir static Path dir;
    static Map<String, Integer> vocab;
    static Path json;

    @BeforeAll
    static void build() {
        WordPieceVocabBuilder b = new WordPieceVocabBuilder(150).train(Corpus.captions(300, 3));
        vocab = b.vocab();
        json = dir.resolve("tokenizer.json");
        b.write(json);
    }

    /** BERT's WordPiece: for each basic word, the longest vocabulary prefix, then "##" pieces; [UNK] if stuck. */
    static List<String> reference(String text) {
        List<String> out = new ArrayList<>();
        for (String w : WordPieceVocabBuilder.words(text)) {
            List<String> pieces = new ArrayList<>();
            int start = 0;
            while (start < w.length()) {
                int end = w.length();
                String found = null;
                while (end > start) {
                    String sub = (start > 0 ? "##" : "") + w.substring(start, end);
                    if (vocab.containsKey(sub)) { found = sub; break; }
                    end--;
                }
                if (found == null) { pieces = List.of("[UNK]"); break; }
                pieces.add(found);
                start = end;
            }
            out.addAll(pieces);
        }
        return out;
    }

    @Test
    void tokensEqualGreedyLongestMatchReference() {
        try (BertTokenizer tok = BertTokenizer.load(json, 32)) {
            for (String s : List.of("Many planes near the airport.", "A RIVER, crossing farmlands!", "42 ships; zebra", "residential-area"))
                assertEquals(reference(s), tok.tokens(s), s);
        }
    }

    @Test
    void clsSepMaskPaddingAndTruncationAtMaxLength() {
        try (BertTokenizer tok = BertTokenizer.load(json, 8)) {
            TokenBatch b = tok.encode(List.of("small bridge", "there are many white planes near a large airport and ships"));
            List<String> t0 = reference("small bridge");
            long[] ids0 = new long[8];
            ids0[0] = vocab.get("[CLS]");
            for (int i = 0; i < t0.size(); i++) ids0[i + 1] = vocab.get(t0.get(i));
            ids0[t0.size() + 1] = vocab.get("[SEP]");
            assertArrayEquals(ids0, b.ids()[0], "[CLS] tokens [SEP] then [PAD]=0");
            assertEquals(t0.size() + 1, b.eotPositions()[0]);
            assertEquals(1, b.attentionMask()[0][t0.size() + 1]);
            assertEquals(0, b.attentionMask()[0][t0.size() + 2]);
            assertEquals(8, b.ids()[1].length, "truncated to maxLength");
            assertEquals(vocab.get("[SEP]").longValue(), b.ids()[1][7], "[SEP] survives truncation");
            assertEquals(7, b.eotPositions()[1]);
        }
    }

    @Test
    void testsRunWithDjlOffline() {
        assertEquals("true", System.getProperty("ai.djl.offline"), "surefire's argLine sets it; the launcher does too");
    }
}
