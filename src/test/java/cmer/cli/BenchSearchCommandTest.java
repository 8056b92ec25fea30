package cmer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSearchCommandTest {
    @Test
    void printsOneMeasuredRowPerSizeAndCachesTheGraph(@TempDir Path cache) {
        String[] args = {"bench", "search", "--sizes", "800,1500", "--dim", "32", "--queries", "30", "--cache", cache.toString()};
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| n | exact median ms"), r.out());
        Matcher m = Pattern.compile("\\| 1,500 \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9]+ \\| 100 \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9]+ \\| ([0-9.]+) \\|").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) >= 0.9, "recall on a tiny gallery: " + m.group(1));
        assertTrue(Files.isDirectory(cache.resolve("hnsw-n1500-d32-seed42-m32-b128")));
        CliTest.Result again = CliTest.run(args);
        assertTrue(again.out().contains("(cached)"), again.out());
    }

    @Test
    void quantizedAndMergedVariantsAreDerivedFromTheCachedFloatGraph(@TempDir Path cache) {
        String[] args = {"bench", "search", "--sizes", "1500", "--dim", "32", "--queries", "30", "--quantize", "7", "--rerank", "20",
                "--merge", "--cache", cache.toString()};
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("quantize=7 rerank=20 merged=true"), r.out());
        Matcher m = Pattern.compile("\\| 100 \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9]+ \\| ([0-9.]+) \\|").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) >= 0.9, "recall: " + m.group(1));
        assertTrue(Files.isRegularFile(cache.resolve("hnsw-n1500-d32-seed42-m32-b128/build-seconds.txt")), "the float graph it derives from");
        assertTrue(Files.isRegularFile(cache.resolve("hnsw-n1500-d32-seed42-m32-b128-q7-merged/build-seconds.txt")));
        CliTest.Result bad = CliTest.run("bench", "search", "--sizes", "1500", "--dim", "32", "--quantize", "5", "--cache", cache.toString());
        assertTrue(bad.code() != 0 && bad.err().contains("quantizeBits must be 0 (float32), 4 or 7: 5"), bad.code() + " " + bad.err());
    }
}
