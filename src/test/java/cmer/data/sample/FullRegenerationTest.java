package cmer.data.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `cmer sample generate --out X --seed 7` rewrites the committed sample-data/ byte for byte (about 30 s on 2 busy cores). */
class FullRegenerationTest {
    @Test
    void wholeSampleDataRegeneratesByteIdentically(@TempDir Path tmp) throws IOException {
        SampleGenerator.Summary s = SampleGenerator.generate(SampleSpec.DEFAULT, tmp, Integer.MAX_VALUE);
        assertEquals(850, s.images());
        List<Path> files;
        try (Stream<Path> w = Files.walk(tmp)) {
            files = w.filter(Files::isRegularFile).map(tmp::relativize).sorted().toList();
        }
        try (Stream<Path> w = Files.walk(SampleDataTest.SAMPLE)) {
            List<Path> committed = w.filter(Files::isRegularFile).map(SampleDataTest.SAMPLE::relativize)
                    .filter(p -> !p.startsWith("models")).sorted().toList();
            assertEquals(committed, files, "same file list (models/ is not generated)");
        }
        for (Path p : files)
            assertArrayEquals(Files.readAllBytes(SampleDataTest.SAMPLE.resolve(p)), Files.readAllBytes(tmp.resolve(p)), p + " differs");
    }
}
