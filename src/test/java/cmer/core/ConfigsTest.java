package cmer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigsTest {
    @TempDir Path dir;

    @Test
    void defaultsThenFileThenOverrides() throws Exception {
        Path yaml = Files.writeString(dir.resolve("c.yaml"), "engine:\n  device: cpu\n  threads: 3\nruns: /tmp/r\n");
        CmerConfig c = Configs.load(CmerConfig.class, CmerConfig.DEFAULTS, yaml, List.of("engine.threads=1"));
        assertEquals("cpu", c.engine().device());
        assertEquals(1, c.engine().threads());
        assertEquals(Path.of("/tmp/r"), c.runs());
        assertEquals(CmerConfig.DEFAULTS, Configs.load(CmerConfig.class, CmerConfig.DEFAULTS, null, List.of()));
    }

    @Test
    void jsonRoundTripsThroughWriteJson() throws Exception {
        CmerConfig c = new CmerConfig(new CmerConfig.Engine("gpu1", 2), Path.of("x/runs"));
        Path f = dir.resolve("config.json");
        Configs.writeJson(f, c);
        assertEquals(c, Configs.load(CmerConfig.class, CmerConfig.DEFAULTS, f, List.of()));
    }

    @Test
    void unknownKeysNameTheFileAndKey() throws Exception {
        Path yaml = Files.writeString(dir.resolve("bad.yaml"), "engine:\n  devcie: cpu\n");
        CmerException e = assertThrows(CmerException.class, () -> Configs.load(CmerConfig.class, CmerConfig.DEFAULTS, yaml, List.of()));
        assertTrue(e.getMessage().contains("bad.yaml") && e.getMessage().contains("devcie"), e.getMessage());
        e = assertThrows(CmerException.class, () -> Configs.load(CmerConfig.class, CmerConfig.DEFAULTS, null, List.of("engine.thread=2")));
        assertTrue(e.getMessage().contains("'thread'") && e.getMessage().contains("threads"), e.getMessage());
    }

    @Test
    void badValuesAndSyntaxAreClearErrors() throws Exception {
        CmerException e = assertThrows(CmerException.class,
                () -> Configs.load(CmerConfig.class, CmerConfig.DEFAULTS, null, List.of("engine.device=tpu")));
        assertTrue(e.getMessage().contains("auto, cpu or gpu"), e.getMessage());
        Path json = Files.writeString(dir.resolve("broken.json"), "{\n  \"engine\": {\n    \"device\": \"cpu\",,\n}");
        e = assertThrows(CmerException.class, () -> Configs.load(CmerConfig.class, CmerConfig.DEFAULTS, json, List.of()));
        assertTrue(e.getMessage().startsWith(json + ":3"), e.getMessage());
        e = assertThrows(CmerException.class, () -> Configs.load(CmerConfig.class, CmerConfig.DEFAULTS, null, List.of("engine.threads")));
        assertEquals(CmerException.USAGE, e.exitCode());
    }

    @Test
    void xdgFoldersFollowTheSpec() {
        AppPaths p = AppPaths.from(Map.of("XDG_CONFIG_HOME", "/x/conf", "XDG_CACHE_HOME", "relative/ignored"), "/home/u");
        assertEquals(Path.of("/x/conf/cmer-studio"), p.config());
        assertEquals(Path.of("/home/u/.cache/cmer-studio"), p.cache());
        assertEquals(Path.of("/home/u/.config/cmer-studio/config.yaml"), AppPaths.from(Map.of(), "/home/u").configFile());
    }

    @Test
    void atomicWritesAreReadableLikeOrdinaryFiles() throws Exception {
        Path f = dir.resolve("out.txt");
        AtomicFiles.writeString(f, "x");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void atomicWriteLeavesOldFileWhenTheBodyFails() throws Exception {
        Path f = dir.resolve("keep.txt");
        AtomicFiles.writeString(f, "old");
        assertThrows(java.io.IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes());
            throw new java.io.IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        try (var s = Files.list(dir)) { assertEquals(1, s.count(), "no temp file left behind"); }
    }
}
