package cmer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import cmer.nn.ClipModel;
import cmer.train.ModelFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code cmer model import} end to end against PyTorch (src/test/python/make_model_goldens.py): the same tiny
 * open_clip model saved as a torch.save checkpoint, a TorchScript trace and F16/BF16 safetensors, and a Hugging Face
 * CLIPModel folder, each imported into a model folder, loaded back the way train/index load a backbone
 * ({@link ModelFolder#load}) and run: embeddings must match PyTorch's to 1e-4.
 */
class ModelImportCommandTest {
    static final Path GOLDENS = Path.of("src/test/resources/cmer/nn/goldens");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"open_clip_tiny.pt, open_clip_tiny, pytorch-zip, 'Unused        0 tensors []'",
            "open_clip_tiny_ts.pt, open_clip_tiny, torchscript, 'Unused        0 tensors []'",
            "open_clip_tiny_f16.safetensors, open_clip_tiny_f16, safetensors, 'Ignored       1 buffers [attn_mask]'",
            "open_clip_tiny_bf16.safetensors, open_clip_tiny_bf16, safetensors, 'Ignored       1 buffers [attn_mask]'"})
    void openClipFilesImportAndMatchPyTorch(String file, String expected, String format, String line, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("model");
        CliTest.Result r = CliTest.run("model", "import", GOLDENS.resolve(file).toString(), "--out", out.toString(),
                "--tokenizer", GOLDENS.resolve("open_clip_tiny.tokenizer.json").toString(), "--activation", "gelu", "--head-width", "16");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(" + format + ", open_clip / OpenAI CLIP)"), r.out());
        assertTrue(r.out().contains(line), r.out());
        assertMatches(out, "open_clip_tiny", expected);
    }

    @Test
    void huggingFaceFolderTakesTokenizerHeadsAndEndOfTextFromTheFolder(@TempDir Path dir) throws Exception {
        Path hf = Files.createDirectories(dir.resolve("clip-hf"));
        Files.copy(GOLDENS.resolve("hf_clip_tiny.safetensors"), hf.resolve("model.safetensors"));
        Files.copy(GOLDENS.resolve("hf_clip_tiny.tokenizer.json"), hf.resolve("tokenizer.json"));
        Files.writeString(hf.resolve("config.json"), "{\"text_config\": {\"num_attention_heads\": 2}, \"vision_config\": {\"num_attention_heads\": 2}}");
        Path out = dir.resolve("model");
        CliTest.Result r = CliTest.run("model", "import", hf.toString(), "--out", out.toString(), "--format", "hf-clip");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Ignored       1 buffers [text_model.embeddings.position_ids]"), r.out());
        assertEquals(2, new ModelFolder(out).config().text().eotTokenId(), "HF pools at the tokenizer's <|endoftext|> id");
        assertEquals(Files.readString(hf.resolve("tokenizer.json")), Files.readString(out.resolve("tokenizer.json")));
        assertMatches(out, "hf_clip_tiny", "hf_clip_tiny");

        r = CliTest.run("model", "import", hf.toString(), "--out", out.toString());
        assertEquals(2, r.code(), "an existing folder is not overwritten without --force");
        assertTrue(r.err().contains("exists; pass --force"), r.err());
        r = CliTest.run("model", "import", hf.toString(), "--out", out.toString(), "--force");
        assertEquals(0, r.code(), r.err());
        assertMatches(out, "hf_clip_tiny", "hf_clip_tiny");
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary folders left beside the output");
        }
    }

    @Test
    void refusesClearly(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("model");
        CliTest.Result r = CliTest.run("model", "import", GOLDENS.resolve("open_clip_tiny.pt").toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no tokenizer.json beside the checkpoint; pass --tokenizer"), r.err());
        r = CliTest.run("model", "import", GOLDENS.resolve("open_clip_tiny.pt").toString(), "--out", out.toString(),
                "--tokenizer", "sample-data/models/tiny-clip/tokenizer.json", "--head-width", "16");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("does not fit the checkpoint's vocabulary of 64"), r.err());
        r = CliTest.run("model", "import", GOLDENS.resolve("open_clip_tiny.pt").toString(), "--out", out.toString(),
                "--tokenizer", GOLDENS.resolve("open_clip_tiny.tokenizer.json").toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("head") && r.err().contains("--head-width"), r.err());
        r = CliTest.run("model", "import", GOLDENS.resolve("open_clip_tiny.pt").toString(), "--out", out.toString(),
                "--tokenizer", GOLDENS.resolve("open_clip_tiny.tokenizer.json").toString(), "--format", "hf-clip");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("not Hugging Face CLIPModel's"), r.err());
        assertFalse(Files.exists(out), "nothing written on refusal");
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "no temporary folders left");
        }
    }

    @Test
    void inspectSaysWhatAnImportWouldLeaveUnused(@TempDir Path dir) throws Exception {
        CliTest.Result r = CliTest.run("model", "inspect", "--summary", GOLDENS.resolve("open_clip_tiny_ts.pt").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("On import     0 tensors not used; 1 buffers ignored (attn_mask)"), r.out());
        r = CliTest.run("model", "inspect", "--summary", "src/test/resources/cmer/nn/io/openclip_ckpt.pt");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("On import     "), r.out());
        // a checkpoint with one tensor of the wrong shape: inspect shows the refusal import would give
        Path hf = Files.createDirectories(dir.resolve("bad"));
        Files.copy(GOLDENS.resolve("hf_clip_tiny.safetensors"), hf.resolve("model.safetensors"));
        try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(hf.resolve("model.safetensors"))) {
            NDList all = NDList.decode(m, in), kept = new NDList();
            for (NDArray a : all) {
                NDArray b = a.getName().equals("text_model.final_layer_norm.bias") ? m.zeros(new ai.djl.ndarray.types.Shape(31)) : a;
                b.setName(a.getName());
                kept.add(b);
            }
            try (var out = Files.newOutputStream(hf.resolve("model.safetensors"))) { kept.encode(out, NDList.Encoding.SAFETENSORS); }
        }
        r = CliTest.run("model", "inspect", "--summary", hf.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("On import     refused: tensor 'text_model.final_layer_norm.bias' (our 'text.ln_final.bias'): expected shape"), r.out());
    }

    /** Loads the imported folder as train/index do and compares both embeddings with PyTorch's. */
    private static void assertMatches(Path model, String inputs, String expected) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            ClipModel clip = new ModelFolder(model).load(m);
            Map<String, NDArray> in = read(m, inputs + ".io.safetensors"), want = read(m, expected + ".io.safetensors");
            NDList got = clip.forward(new ParameterStore(m, false), new NDList(in.get("images"), in.get("ids")), false);
            assertClose(want.get("image_embeds"), got.get(0), expected + " image embeddings");
            assertClose(want.get("text_embeds"), got.get(1), expected + " text embeddings");
        }
    }

    private static Map<String, NDArray> read(NDManager m, String file) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(GOLDENS.resolve(file))) {
            for (NDArray a : NDList.decode(m, in)) out.put(a.getName(), a);
        }
        return out;
    }

    private static void assertClose(NDArray expected, NDArray actual, String what) {
        assertArrayEquals(expected.getShape().getShape(), actual.getShape().getShape(), what + ": shape");
        float[] e = expected.toFloatArray(), a = actual.toFloatArray();
        float worst = 0;
        for (int i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(e[i] - a[i]));
        assertTrue(worst <= 1e-4f, what + ": max |difference| " + worst);
    }
}
