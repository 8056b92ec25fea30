package cmer.nn.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.CmerException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loading a checkpoint never runs code from it: every way a pickle can call something is refused. */
class MaliciousCheckpointTest {
    @ParameterizedTest
    @ValueSource(strings = {"evil_system.pt", "evil_nested.pt"})
    void pythonsOwnUnpicklerWouldRunTheseButWeRefuseAndNothingRuns(String name) throws Exception {
        Path marker = Path.of(Files.readString(Goldens.file("evil_marker.txt")).strip());
        Files.deleteIfExists(marker);
        Path file = Goldens.file(name);
        for (Runnable load : new Runnable[] {() -> StateDicts.read(file), () -> StateDicts.info(file)}) {
            CmerException e = assertThrows(CmerException.class, load::run);
            assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
            assertTrue(e.getMessage().contains("global 'posix.system'"), "names the global: " + e.getMessage());
            assertTrue(e.getMessage().matches(".*refused at byte \\d+.*"), "names the offset: " + e.getMessage());
        }
        assertFalse(Files.exists(marker), "the payload must not have run");
    }

    @Test
    void everyCallingOpcodeAndForeignGlobalIsRefused() {
        assertRefused(pickle(b -> { global(b, "builtins", "eval"); unicode(b, "1+1"); b.write(0x85); b.write('R'); }), "global 'builtins.eval'");
        assertRefused(pickle(b -> { global(b, "subprocess", "Popen"); }), "global 'subprocess.Popen'");
        assertRefused(pickle(b -> { b.write('('); unicode(b, "id"); write(b, "ios\nsystem\n"); }), "INST");
        assertRefused(pickle(b -> { b.write('('); global(b, "__torch__", "X"); b.write('o'); }), "OBJ");
        assertRefused(pickle(b -> { unicode(b, "os"); unicode(b, "system"); b.write(0x93); }), "global 'os.system'");
        assertRefused(pickle(b -> { global(b, "torch", "FloatStorage"); b.write(')'); b.write('R'); }), "REDUCE on 'torch.FloatStorage' refused");
        assertRefused(pickle(b -> { global(b, "collections", "OrderedDict"); b.write(')'); b.write(0x81); }), "NEWOBJ on 'collections.OrderedDict'");
        assertRefused(pickle(b -> { b.write(0x82); b.write(1); }), "EXT1");
        assertRefused(pickle(b -> { unicode(b, "x"); b.write('P'); }), "PERSID");
        assertRefused(pickle(b -> { b.write(']'); b.write('}'); b.write('b'); }), "BUILD on ArrayList refused");
    }

    @Test
    void torchScriptClassesAreOnlyData() {
        byte[] p = pickle(b -> { global(b, "__torch__", "Evil"); b.write(')'); b.write(0x81); b.write('}'); b.write('b'); });
        Object o = RestrictedUnpickler.load("test", p);
        assertTrue(o instanceof PickleValues.TorchObject t && t.className.equals("__torch__.Evil"), String.valueOf(o));
    }

    private static void assertRefused(byte[] pickle, String expected) {
        CmerException e = assertThrows(CmerException.class, () -> RestrictedUnpickler.load("x.pt: archive/data.pkl", pickle));
        assertTrue(e.getMessage().startsWith("x.pt: archive/data.pkl: refused at byte "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), expected + " in: " + e.getMessage());
    }

    interface Body { void write(ByteArrayOutputStream b); }

    static byte[] pickle(Body body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x80);
        b.write(2);
        body.write(b);
        b.write('.');
        return b.toByteArray();
    }

    static void global(ByteArrayOutputStream b, String module, String name) { write(b, "c" + module + "\n" + name + "\n"); }

    static void unicode(ByteArrayOutputStream b, String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        b.write('X');
        b.writeBytes(new byte[] {(byte) u.length, 0, 0, 0});
        b.writeBytes(u);
    }

    static void write(ByteArrayOutputStream b, String ascii) { b.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII)); }
}
