package cmer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cmer dataset inspect} and {@code cmer sample generate} as a user runs them. */
class DatasetCliTest {
    @Test
    void inspectSampleDataPrintsAlignedTablesAndHistogram() {
        CliTest.Result r = CliTest.run("dataset", "inspect", "sample-data");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Karpathy JSON"), r.out());
        assertTrue(r.out().matches("(?s).*\\ntrain\\s+600\\s+3,000\\s.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\nval\\s+100\\s+500\\s.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\ntest\\s+150\\s+750\\s.*"), r.out());
        assertTrue(r.out().contains("Scenes (18):"), r.out());
        assertTrue(r.out().contains("Captions per image:  5 → 850 images"), r.out());
    }

    @Test
    void inspectJsonOnRealRsitmd() throws Exception {
        Path p = Path.of("../shared/realdata/rsitmd/amfmn_precomp");
        assumeTrue(Files.isDirectory(p), "real data not present at " + p.toAbsolutePath());
        CliTest.Result r = CliTest.run("dataset", "inspect", "--json", p.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(4291, j.at("/splits/train/images").asInt());
        assertEquals(452, j.at("/splits/test/images").asInt());
        assertEquals(4, j.at("/splits/train/allBlankImages").asInt());
        assertEquals(4743, j.at("/warnings/missing_image").asInt());
        assertEquals(33, j.get("scenesCount").asInt());
        assertEquals("storagetanks", j.get("scenes").fieldNames().next());
    }

    @Test
    void badInputIsOneLineNamingTheFileAndAnExitCode(@TempDir Path dir) throws Exception {
        CliTest.Result missing = CliTest.run("dataset", "inspect", dir.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Files.writeString(dir.resolve("train_filename.txt"), "a_1.tif\n");
        Files.writeString(dir.resolve("train_caps.txt"), "x\n../escape\n");
        CliTest.Result bad = CliTest.run("dataset", "inspect", dir.toString());
        assertEquals(3, bad.code());
        assertTrue(bad.err().contains("train_caps.txt") && bad.err().lines().count() == 1, bad.err());
    }

    @Test
    void sampleGenerateSmallDatasetThenInspectIt(@TempDir Path dir) throws Exception {
        CliTest.Result r = CliTest.run("sample", "generate", "--out", dir.toString(), "--train", "4", "--val", "1", "--test", "1", "--seed", "3",
                "--contact-sheet", dir.resolve("sheet.png").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Wrote 6 images (4/1/1)"), r.out());
        assertTrue(Files.size(dir.resolve("sheet.png")) > 10_000);
        CliTest.Result i = CliTest.run("dataset", "inspect", dir.toString());
        assertEquals(0, i.code(), i.err());
        assertTrue(i.out().matches("(?s).*\\ntrain\\s+4\\s+20\\s.*"), i.out());
    }
}
