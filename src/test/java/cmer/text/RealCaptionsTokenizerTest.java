package cmer.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CLIP BPE trained on RSITMD's real training captions encodes every test caption as the Java reference does. */
class RealCaptionsTokenizerTest {
    static final Path RSITMD = Path.of("../shared/realdata/rsitmd/amfmn_precomp");

    @Test
    void rsitmdTestCaptionsEncodeIdenticallyThroughHuggingFace(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(RSITMD), "../shared/realdata is absent (real RSITMD captions); see COMMON.md");
        List<String> train = Files.readAllLines(RSITMD.resolve("train_caps.txt"));
        List<String> test = Files.readAllLines(RSITMD.resolve("test_caps.txt"));
        long t0 = System.nanoTime();
        BpeTokenizerBuilder b = new BpeTokenizerBuilder(3000).train(train);
        System.out.printf("BPE 3000 on %d RSITMD captions: %.1f s, %d merges%n", train.size(), (System.nanoTime() - t0) / 1e9, b.merges().size());
        Path json = dir.resolve("tokenizer.json");
        b.write(json);
        BpeEncoder ref = b.encoder();
        try (ClipTokenizer tok = ClipTokenizer.load(json)) {
            for (String caption : test)
                assertArrayEquals(ref.encode(caption).stream().mapToLong(Integer::longValue).toArray(), tok.bpeIds(caption), caption);
            TokenBatch batch = tok.encode(test);
            assertEquals(test.size(), batch.batchSize());
            int longest = 0;
            for (int p : batch.eotPositions()) longest = Math.max(longest, p);
            System.out.printf("longest RSITMD test caption: %d tokens with start/end (context 77)%n", longest + 1);
        }
    }
}
