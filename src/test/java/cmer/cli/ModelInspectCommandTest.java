package cmer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.nn.io.ModelShapes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInspectCommandTest {
    static String golden(String name) { return "src/test/resources/cmer/nn/io/" + name; }

    @Test
    void listsTensorsArchitectureConfigAndCheckpointNotes() {
        CliTest.Result r = CliTest.run("model", "inspect", golden("openclip_ckpt.pt"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("visual.conv1.weight"), r.out());
        assertTrue(r.out().matches("(?s).*extra\\.transposed\\s+f32\\s+\\[5, 3]\\s+15.*"), r.out());
        assertTrue(r.out().contains("Architecture  open_clip / OpenAI CLIP (ViT)"), r.out());
        assertTrue(r.out().contains("Config        vision: width 8, layers 1, mlp width 16, patch size 4, image size 8"), r.out());
        assertTrue(r.out().contains("Metadata      epoch = 3"), r.out());
        assertTrue(r.out().contains("checkpoint entry 'optimizer' not used"), r.out());
    }

    @Test
    void jsonForASparse600MegabyteHuggingFaceClip(@TempDir Path dir) throws Exception {
        Path f = ModelShapes.writeSparse(dir.resolve("model.safetensors"), ModelShapes.hfClipVitB32());
        assertTrue(Files.size(f) > 500_000_000L);
        CliTest.Result r = CliTest.run("model", "inspect", "--json", "--summary", dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("HF_CLIP", j.get("architecture").asText());
        assertEquals(224, j.get("config").get("vision.image_size").asInt());
        assertEquals(77, j.get("config").get("text.context_length").asInt());
        assertTrue(j.get("bytes").asLong() > 500_000_000L);
        assertEquals(2, j.get("unused").size());
        assertTrue(j.get("tensors") == null, "--summary leaves the list out");
    }

    @Test
    void refusedAndDamagedFilesAreOneLineAndExitCode3(@TempDir Path dir) throws Exception {
        CliTest.Result r = CliTest.run("model", "inspect", golden("evil_system.pt"));
        assertEquals(3, r.code());
        assertTrue(r.err().startsWith("cmer inspect: ") && r.err().contains("global 'posix.system'"), r.err());
        byte[] b = Files.readAllBytes(Path.of(golden("tiny_f16.safetensors")));
        Path cut = Files.write(dir.resolve("cut.safetensors"), java.util.Arrays.copyOf(b, b.length - 1));
        r = CliTest.run("model", "inspect", cut.toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("but the file has " + (b.length - 1) + " bytes"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
