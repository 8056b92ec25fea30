package cmer.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.CmerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every supported format loads and equals what PyTorch wrote, value for value. */
class StateDictsTest {
    @ParameterizedTest
    @ValueSource(strings = {"tiny_f32", "tiny_f16", "tiny_bf16"})
    void safetensorsMatchPyTorchIncludingHalfAndBfloat16(String tag) throws Exception {
        StateDict sd = StateDicts.read(Goldens.file(tag + ".safetensors"));
        assertEquals("safetensors", sd.format());
        assertEquals(tag.substring(5), sd.metadata().get("cmer"), "__metadata__ is read");
        Goldens.assertMatches(tag, sd);
    }

    @Test
    void openClipCheckpointWithPrefixStridesAndSharedStorage() throws Exception {
        StateDict sd = StateDicts.read(Goldens.file("openclip_ckpt.pt"));
        assertEquals("pytorch-zip", sd.format());
        Goldens.assertMatches("openclip_ckpt", sd);      // includes a transposed view and two slices of one storage
        assertEquals("3", sd.metadata().get("epoch"));
        assertEquals("tiny-openclip", sd.metadata().get("name"));
        assertTrue(sd.notes().stream().anyMatch(n -> n.contains("'optimizer' not used")), sd.notes().toString());
        assertTrue(sd.notes().stream().anyMatch(n -> n.contains("'module.' prefix stripped")), sd.notes().toString());
    }

    @Test
    void halfBfloat16AndIntegerStoragesFromTorchSave() throws Exception {
        Goldens.assertMatches("openclip_half", StateDicts.read(Goldens.file("openclip_half.pt")));
    }

    @Test
    void moduleStateDictWithMetadataAttribute() throws Exception {
        Goldens.assertMatches("module_state_dict", StateDicts.read(Goldens.file("module_state_dict.pt")));
    }

    @Test
    void torchScriptParametersAreNamedLikeItsStateDict() throws Exception {
        StateDict sd = StateDicts.read(Goldens.file("torchscript_tiny.pt"));
        assertEquals("torchscript", sd.format());
        assertEquals("__torch__.Tiny", sd.metadata().get("class"));
        Goldens.assertMatches("torchscript_tiny", sd);
    }

    @Test
    void shardedHuggingFaceFolder() throws Exception {
        StateDict sd = StateDicts.read(Goldens.file("hf_sharded"));
        Goldens.assertMatches("hf_sharded", sd);
        assertEquals(sd.info().tensors(), StateDicts.info(Goldens.file("hf_sharded")).tensors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny_bf16.safetensors", "openclip_ckpt.pt", "openclip_half.pt", "torchscript_tiny.pt"})
    void metadataOnlyModeAgreesWithFullRead(String name) {
        StateDictInfo info = StateDicts.info(Goldens.file(name));
        StateDict sd = StateDicts.read(Goldens.file(name));
        assertEquals(sd.info().tensors(), info.tensors());
        assertEquals(sd.parameterCount(), info.parameterCount());
    }

    @Test
    void formatIsSniffedFromBytesNotTheExtension(@TempDir Path dir) throws Exception {
        Path a = Files.copy(Goldens.file("openclip_half.pt"), dir.resolve("weights.safetensors"));
        Path b = Files.copy(Goldens.file("tiny_f16.safetensors"), dir.resolve("weights.pt"));
        assertEquals("pytorch-zip", StateDicts.read(a).format());
        assertEquals("safetensors", StateDicts.read(b).format());
        Path text = Files.writeString(dir.resolve("notes.pt"), "hello, not a model");
        CmerException e = assertThrows(CmerException.class, () -> StateDicts.read(text));
        assertTrue(e.getMessage().contains("not a safetensors file, PyTorch zip checkpoint or TorchScript archive"), e.getMessage());
    }

    @Test
    void huggingFaceFolderFindsModelAndTokenizer(@TempDir Path dir) throws Exception {
        Files.copy(Goldens.file("tiny_f32.safetensors"), dir.resolve("model.safetensors"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Goldens.assertMatches("tiny_f32", StateDicts.read(dir));
        assertEquals(dir.resolve("tokenizer.json"), StateDicts.tokenizerFor(dir).orElseThrow());
        CmerException e = assertThrows(CmerException.class, () -> StateDicts.read(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void getChecksShapeAndNamesTheTensor() {
        StateDict sd = StateDicts.read(Goldens.file("tiny_f32.safetensors"));
        assertEquals(4, sd.get("visual.conv1.weight", 8, 3, 4, 4).intShape().length);
        CmerException e = assertThrows(CmerException.class, () -> sd.get("visual.conv1.weight", 8, 3, 32, 32));
        assertTrue(e.getMessage().contains("'visual.conv1.weight' has shape [8, 3, 4, 4], expected [8, 3, 32, 32]"), e.getMessage());
        e = assertThrows(CmerException.class, () -> sd.get("visual.proj_typo"));
        assertTrue(e.getMessage().contains("no tensor 'visual.proj_typo'"), e.getMessage());
        assertNotEquals(0, sd.parameterCount());
        StateDict visual = sd.under("visual.");
        assertEquals(8, visual.size());
        assertEquals(sd.get("visual.proj"), visual.get("proj"));
        assertEquals(java.util.List.of("text.position_ids", "extra.f64", "extra.i32"),
                sd.unusedBy(java.util.stream.Stream.concat(sd.names().stream().filter(n -> !n.contains(".") || n.startsWith("visual.")
                        || n.startsWith("transformer.") || n.startsWith("token_") || n.startsWith("ln_") || n.startsWith("text_proj")
                        || n.startsWith("positional")), java.util.stream.Stream.of("not.in.file")).toList()));
    }
}
