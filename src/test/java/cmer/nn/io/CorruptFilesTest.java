package cmer.nn.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cmer.core.CmerException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files give one clear CmerException naming the file and what was expected; nothing else escapes. */
class CorruptFilesTest {
    @TempDir Path dir;

    @Test
    void truncatedSafetensorsNamesTensorAndSizes() throws Exception {
        byte[] b = Files.readAllBytes(Goldens.file("tiny_f32.safetensors"));
        Path f = write("cut.safetensors", Arrays.copyOf(b, b.length - 10));
        String m = error(f);
        assertTrue(m.contains(f.toString()) && m.contains("header says it ends at byte " + b.length + " but the file has "
                + (b.length - 10) + " bytes"), m);
    }

    @Test
    void badSafetensorsHeaders() throws Exception {
        assertTrue(error(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", 4))
                .contains("ends at byte"), "data missing");
        assertTrue(error(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}", 8))
                .contains("F32 [3] needs 12 bytes but data_offsets span 8"), "size mismatch");
        assertTrue(error(safetensors("{\"a\":{\"dtype\":\"Q8\",\"shape\":[2],\"data_offsets\":[0,8]}", 8))
                .contains("dtype \"Q8\" is not supported"), "dtype");
        assertTrue(error(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}", 12)).contains("overlap"), "overlap");
        assertTrue(error(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}", 8))
                .contains("not a non-negative integer"), "shape");
        assertTrue(error(safetensors("{\"a\":1,\"a\":2", 0)).contains("not valid JSON"), "duplicate key");
        assertTrue(error(safetensors("{\"__metadata__\":{\"k\":3}", 0)).contains("__metadata__ value 'k' is not a string"), "metadata");
        byte[] huge = Files.readAllBytes(Goldens.file("tiny_f32.safetensors"));
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        huge[8] = '{';
        assertTrue(error(write("huge.safetensors", huge)).contains("header length 1099511627776 is impossible"), "header length");
    }

    @Test
    void damagedZipAndStorageOfWrongSize() throws Exception {
        byte[] b = Files.readAllBytes(Goldens.file("openclip_ckpt.pt"));
        assertTrue(error(write("half.pt", Arrays.copyOf(b, b.length / 2))).contains("damaged zip"));
        Path short0 = rezip(Goldens.file("openclip_half.pt"), "short.pt", Map.of("data/0", new byte[6]));
        assertTrue(error(short0).matches(".*storage openclip_half/data/0 has 6 bytes, expected \\d+ .*"), error(short0));
        Path noPkl = rezip(Goldens.file("openclip_half.pt"), "nopkl.pt", Map.of("data.pkl", new byte[0]));
        assertTrue(error(noPkl).contains("pickle ended without a STOP"), error(noPkl));
    }

    @Test
    void seededByteFlipsInSafetensorsHeadersOnlyGiveCmerExceptions() throws Exception {
        byte[] good = Files.readAllBytes(Goldens.file("tiny_bf16.safetensors"));
        int headerEnd = 8 + (int) ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        Random rnd = new Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] b = good.clone();
            for (int k = 0; k <= rnd.nextInt(3); k++) b[rnd.nextInt(headerEnd)] = (byte) rnd.nextInt(256);
            readOrCmerException(write("m.safetensors", b), "mutation " + i);
        }
    }

    @Test
    void seededByteFlipsInPicklesOnlyGiveCmerExceptions() throws Exception {
        for (String name : new String[] {"openclip_ckpt.pt", "torchscript_tiny.pt"}) {
            Path src = Goldens.file(name);
            String stem = name.substring(0, name.length() - 3);
            byte[] pkl;
            try (ZipFile z = new ZipFile(src.toFile())) { pkl = z.getInputStream(z.getEntry(stem + "/data.pkl")).readAllBytes(); }
            Random rnd = new Random(7);
            for (int i = 0; i < 150; i++) {
                byte[] b = pkl.clone();
                for (int k = 0; k <= rnd.nextInt(3); k++) b[2 + rnd.nextInt(b.length - 2)] = (byte) rnd.nextInt(256);
                readOrCmerException(rezip(src, "m.pt", Map.of("data.pkl", b)), name + " mutation " + i);
            }
        }
    }

    private static void readOrCmerException(Path f, String what) {
        try {
            StateDicts.info(f);
            StateDicts.read(f);
        } catch (CmerException expected) {
            assertTrue(expected.getMessage().startsWith(f.toString()), what + ": " + expected.getMessage());
        } catch (Throwable t) {
            fail(what + ": " + t, t);
        }
    }

    private String error(Path f) {
        return assertThrows(CmerException.class, () -> StateDicts.read(f)).getMessage();
    }

    private Path safetensors(String header, int dataBytes) throws IOException {
        byte[] h = (header + "}").getBytes(StandardCharsets.UTF_8);      // callers leave the outer object open
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return write("t" + header.hashCode() + ".safetensors", b.array());
    }

    private Path write(String name, byte[] b) throws IOException { return Files.write(dir.resolve(name), b); }

    /** A copy of a torch zip with some entries (names relative to its prefix) replaced. */
    private Path rezip(Path src, String name, Map<String, byte[]> replace) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipFile z = new ZipFile(src.toFile()); ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e : Collections.list(z.entries())) {
                String rel = e.getName().substring(e.getName().indexOf('/') + 1);
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(replace.containsKey(rel) ? replace.get(rel) : z.getInputStream(e).readAllBytes());
                out.closeEntry();
            }
        }
        return write(name, bytes.toByteArray());
    }
}
