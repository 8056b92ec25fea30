package cmer.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.CmerException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingStoreTest {
    @Test
    void roundTripIsLittleEndianFloat32AndReplacesAtomically(@TempDir Path dir) throws Exception {
        int d = ExactIndexTest.D, n = 50;
        List<String> ids = ExactIndexTest.IDS.subList(0, n);
        float[] rows = Arrays.copyOf(ExactIndexTest.ROWS, n * d);
        Path f = dir.resolve("index");
        EmbeddingStore.write(f, ids, rows, d);
        byte[] raw = Files.readAllBytes(f.resolve(EmbeddingStore.EMBEDDINGS));
        assertEquals(n * d * 4, raw.length);
        assertEquals(rows[1], ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getFloat(4));
        EmbeddingStore.Stored s = EmbeddingStore.read(f);
        assertEquals(ids, s.ids());
        assertArrayEquals(rows, s.rows());
        assertEquals(ExactIndex.wrap(ids, rows, d, 1).search(ExactIndexTest.query(0), 3), s.toExactIndex(1).search(ExactIndexTest.query(0), 3));
        EmbeddingStore.write(f, ids.subList(0, 10), rows, d);   // replace
        assertEquals(10, EmbeddingStore.read(f).ids().size());
        try (var l = Files.list(dir)) { assertEquals(List.of(f), l.toList(), "no temporary folders left"); }
    }

    @Test
    void truncatedFileIsAClearError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("index");
        EmbeddingStore.write(f, List.of("a", "b"), Arrays.copyOf(ExactIndexTest.ROWS, 2 * ExactIndexTest.D), ExactIndexTest.D);
        Path emb = f.resolve(EmbeddingStore.EMBEDDINGS);
        Files.write(emb, Arrays.copyOf(Files.readAllBytes(emb), 100));
        CmerException e = assertThrows(CmerException.class, () -> EmbeddingStore.read(f));
        assertTrue(e.getMessage().contains("embeddings.f32: 100 bytes, expected 512 (2 × 64 float32)"), e.getMessage());
        assertThrows(CmerException.class, () -> EmbeddingStore.write(f, List.of("a\nb"), new float[ExactIndexTest.D], ExactIndexTest.D));
    }
}
