package cmer.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Architecture and configuration are inferred from names and shapes of real public checkpoints. */
class ModelReportTest {
    private static ModelReport report(List<TensorInfo> t) {
        return ModelReport.of(new StateDictInfo(Path.of("x"), "test", t, Map.of(), List.of()));
    }

    private static final Map<String, Long> VIT_B_32 = Map.ofEntries(Map.entry("vision.width", 768L), Map.entry("vision.layers", 12L),
            Map.entry("vision.heads", 12L), Map.entry("vision.mlp_width", 3072L), Map.entry("vision.patch_size", 32L),
            Map.entry("vision.image_size", 224L), Map.entry("text.width", 512L), Map.entry("text.layers", 12L), Map.entry("text.heads", 8L),
            Map.entry("text.context_length", 77L), Map.entry("text.vocab_size", 49408L), Map.entry("embed_dim", 512L));

    @Test
    void huggingFaceClipVitB32() {
        ModelReport r = report(ModelShapes.hfClipVitB32());
        assertEquals(ModelReport.Architecture.HF_CLIP, r.architecture());
        assertEquals(VIT_B_32, r.config());
        assertEquals(List.of("text_model.embeddings.position_ids", "vision_model.embeddings.position_ids"), r.unused());
    }

    @Test
    void openAiAndOpenClipVitB32() {
        ModelReport r = report(ModelShapes.openClipVitB32());
        assertEquals(ModelReport.Architecture.OPEN_CLIP, r.architecture());
        assertEquals(VIT_B_32, r.config());
        assertEquals(12, r.unused().size(), "the text tower's attn_mask attributes: " + r.unused());
        assertTrue(r.configLines().get(0).startsWith("vision: width 768, layers 12, heads 12"), r.configLines().toString());
    }

    @Test
    void huggingFaceConfigJsonGivesTheHeads(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ModelShapes.writeSparse(dir.resolve("model.safetensors"), ModelShapes.hfClipVitB32());
        java.nio.file.Files.writeString(dir.resolve("config.json"),
                "{\"text_config\": {\"num_attention_heads\": 4}, \"vision_config\": {\"num_attention_heads\": 16}}");
        ModelReport r = ModelReport.of(StateDicts.info(dir));
        assertEquals(16L, r.config().get("vision.heads"));
        assertEquals(4L, r.config().get("text.heads"));
        assertEquals(768L, r.config().get("vision.width"));
    }

    @Test
    void bertBaseWithMlmHead() {
        ModelReport r = report(ModelShapes.bertBase());
        assertEquals(ModelReport.Architecture.BERT, r.architecture());
        assertEquals(Map.of("text.vocab_size", 30522L, "text.width", 768L, "text.layers", 12L, "text.heads", 12L, "text.mlp_width", 3072L,
                "text.context_length", 512L, "text.type_vocab_size", 2L), r.config());
        assertEquals(List.of("bert.embeddings.position_ids", "cls.predictions.bias"), r.unused());
    }

    @Test
    void tinyGoldenIsOpenClipAndUnknownStaysUnknown() {
        ModelReport r = ModelReport.of(StateDicts.info(Goldens.file("openclip_ckpt.pt")));
        assertEquals(ModelReport.Architecture.OPEN_CLIP, r.architecture());
        assertEquals(8L, r.config().get("vision.image_size"));
        assertEquals(2L, r.config().get("text.layers"));
        assertTrue(!r.config().containsKey("vision.heads"), "no heads for a width that is not a multiple of 64");
        assertEquals(ModelReport.Architecture.UNKNOWN, ModelReport.of(StateDicts.info(Goldens.file("torchscript_tiny.pt"))).architecture());
    }
}
