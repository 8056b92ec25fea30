package cmer.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.CmerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A BPE trained here, written as tokenizer.json, loaded by DJL's HuggingFaceTokenizer, equals our Java reference. */
class ClipTokenizerTest {
    static final List<String> PROBES = List.of("There are many planes near a large airport.",
            "  A   RIVER\tcrosses the\nfarmland  ", "it's 2024: 17 ships, 3 bridges & a harbour!",
            "Café près de la gare — überall Bäume", "unseen words like photovoltaic panels", "x", "");
    @TempDir static Path dir;
    static BpeTokenizerBuilder builder;
    static Path json;

    @BeforeAll
    static void train() {
        builder = new BpeTokenizerBuilder(1200).train(Corpus.captions(400, 1));
        json = dir.resolve("tokenizer.json");
        builder.write(json);
    }

    @Test
    void huggingFaceEncodingEqualsTheJavaReference() {
        assertTrue(builder.merges().size() > 100, "learned " + builder.merges().size() + " merges");
        BpeEncoder ref = builder.encoder();
        try (ClipTokenizer tok = ClipTokenizer.load(json)) {
            for (String s : PROBES) {
                long[] expected = ref.encode(s).stream().mapToLong(Integer::longValue).toArray();
                assertArrayEquals(expected, tok.bpeIds(s), "'" + s + "'");
            }
            long[] airport = tok.bpeIds("airport");
            assertEquals(1, airport.length, "a corpus word is one token");
            assertEquals(builder.vocab().get("airport</w>").longValue(), airport[0]);
            assertEquals("there are many planes near a large airport .", tok.decode(tok.encode(List.of(PROBES.get(0))).ids()[0]));
            assertEquals("café près de la gare — überall bäume", tok.decode(tok.encode(List.of(PROBES.get(3))).ids()[0]));
        }
    }

    @Test
    void startEndPaddingAndTruncationKeepEndTokenLast() {
        try (ClipTokenizer tok = ClipTokenizer.load(json, 16)) {
            String longText = String.join(" ", Corpus.captions(5, 9));
            TokenBatch b = tok.encode(List.of("a small bridge", longText, ""));
            assertEquals(3, b.batchSize());
            assertEquals(16, b.length());
            long[] body = tok.bpeIds("a small bridge");
            assertEquals(tok.startId(), b.ids()[0][0]);
            assertEquals(body.length + 1, b.eotPositions()[0]);
            assertEquals(tok.endId(), b.ids()[0][body.length + 1]);
            assertEquals(0, b.ids()[0][15], "padded with 0 as OpenAI/open_clip");
            assertEquals(0, b.attentionMask()[0][body.length + 2]);
            long[] all = tok.bpeIds(longText);
            assertTrue(all.length > 14);
            assertEquals(15, b.eotPositions()[1]);
            assertEquals(tok.endId(), b.ids()[1][15], "truncation keeps <|endoftext|> as the last token");
            for (int k = 1; k < 15; k++) assertEquals(all[k - 1], b.ids()[1][k]);
            assertEquals(1, b.eotPositions()[2], "empty text: start, end");
        }
    }

    @Test
    void trainingIsDeterministic() throws Exception {
        Path again = dir.resolve("again.json");
        new BpeTokenizerBuilder(1200).train(Corpus.captions(400, 1)).write(again);
        assertEquals(Files.readString(json), Files.readString(again));
        assertTrue(builder.vocab().size() <= 1200, "at most the requested size: " + builder.vocab().size());
        assertEquals(builder.vocab().size() - 1, builder.vocab().get(BpeTokenizerBuilder.EOT));
        BpeTokenizerBuilder small = new BpeTokenizerBuilder(600).train(Corpus.captions(400, 1));
        assertEquals(600, small.vocab().size(), "a rich enough corpus fills the vocabulary exactly");
        assertEquals(builder.merges().subList(0, small.merges().size()), small.merges(), "merge order does not depend on the size");
    }

    @Test
    void missingOrForeignTokenizerFilesAreClearErrors() throws Exception {
        CmerException e = assertThrows(CmerException.class, () -> ClipTokenizer.load(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("no such tokenizer file"), e.getMessage());
        Path bert = dir.resolve("bert.json");
        new WordPieceVocabBuilder(200).train(Corpus.captions(20, 2)).write(bert);
        e = assertThrows(CmerException.class, () -> ClipTokenizer.load(bert));
        assertTrue(e.getMessage().contains("not a CLIP tokenizer"), e.getMessage());
        Path junk = Files.writeString(dir.resolve("junk.json"), "{\"model\": 3");
        e = assertThrows(CmerException.class, () -> ClipTokenizer.load(junk));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }
}
