package cmer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import cmer.core.CmerException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Bad checkpoints fail with the tensor, the expected and the found shape, and leave the model untouched. */
class WeightLoaderTest {

    private static WeightSource edited(WeightSource src, UnaryOperator<String> rename) {
        Map<String, WeightSource.Tensor> t = new LinkedHashMap<>();
        for (String n : src.names()) {
            String to = rename.apply(n);
            if (to != null) t.put(to, new WeightSource.Tensor(src.shape(n), src.data(n)));
        }
        return WeightSource.of(t);
    }

    @Test
    void aShapeMismatchNamesTheTensorAndBothShapesAndWritesNothing() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ClipConfig golden = Goldens.config("open_clip_tiny");
            VisionConfig v = golden.vision();
            ClipConfig wider = new ClipConfig(new VisionConfig(v.imageSize(), v.patchSize(), v.width(), v.layers(), v.headWidth(),
                    v.mlpWidth() * 2, v.activation()), golden.text(), null, golden.embedDim());
            ClipModel model = ClipModel.create(wider, m);
            float before = model.visual().getParameters().get("01conv1_weight").getArray().getFloat(0, 0, 0, 0);
            CmerException e = assertThrows(CmerException.class,
                    () -> WeightLoader.load(model, Goldens.weights(m, "open_clip_tiny"), CheckpointFormat.OPEN_CLIP));
            assertTrue(e.getMessage().contains("'visual.transformer.resblocks.0.mlp.c_fc.weight'"), e.getMessage());
            assertTrue(e.getMessage().contains("expected shape (256, 32) but found (128, 32)"), e.getMessage());
            assertEquals(before, model.visual().getParameters().get("01conv1_weight").getArray().getFloat(0, 0, 0, 0));
        }
    }

    @Test
    void aMissingTensorIsNamedWithItsShape() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ClipModel model = ClipModel.create(Goldens.config("hf_clip_tiny"), m);
            WeightSource src = edited(Goldens.weights(m, "hf_clip_tiny"), n -> n.equals("vision_model.post_layernorm.bias") ? null : n);
            CmerException e = assertThrows(CmerException.class, () -> WeightLoader.load(model, src, CheckpointFormat.HF_CLIP));
            assertTrue(e.getMessage().contains("lacks 1 tensor(s)") && e.getMessage().contains("visual.ln_post.bias (32)"), e.getMessage());
        }
    }

    @Test
    void aMissingKeyProjectionIsNamedByItsSiblings() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ClipModel model = ClipModel.create(Goldens.config("hf_clip_tiny"), m);
            WeightSource src = edited(Goldens.weights(m, "hf_clip_tiny"),
                    n -> n.equals("text_model.encoder.layers.1.self_attn.k_proj.weight") ? null : n);
            CmerException e = assertThrows(CmerException.class, () -> WeightLoader.load(model, src, CheckpointFormat.HF_CLIP));
            assertTrue(e.getMessage().contains("'text.transformer.resblocks.1.attn.in_proj_weight' needs 3 parts (q, k, v) but part 1 is missing"),
                    e.getMessage());
        }
    }

    @Test
    void unknownTensorsAreReportedAsUnusedAndDataParallelPrefixesAreStripped() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ClipModel model = ClipModel.create(Goldens.config("open_clip_tiny"), m);
            Map<String, WeightSource.Tensor> t = new LinkedHashMap<>();
            WeightSource src = Goldens.weights(m, "open_clip_tiny");
            for (String n : src.names()) t.put("module." + n, new WeightSource.Tensor(src.shape(n), src.data(n)));
            t.put("visual.head.weight", new WeightSource.Tensor(new long[] {2}, new float[2]));
            LoadReport r = WeightLoader.load(model, WeightSource.of(t), CheckpointFormat.OPEN_CLIP);
            assertEquals(List.of("visual.head.weight"), r.unused());
            assertEquals(ParameterPaths.of(model).size(), r.loaded().size());
        }
    }

    @Test
    void oldBertNamesWithoutPrefixLoadTheSameValues() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ClipConfig cfg = Goldens.config("hf_bert_tiny");
            BertTextTower a = new BertTextTower(cfg.bert(), cfg.embedDim()), b = new BertTextTower(cfg.bert(), cfg.embedDim());
            for (BertTextTower t : List.of(a, b)) {
                t.setInitializer(new ai.djl.training.initializer.NormalInitializer(0.02f), ai.djl.nn.Parameter.Type.WEIGHT);
                t.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 10));
            }
            WeightSource src = Goldens.weights(m, "hf_bert_tiny");
            WeightLoader.load(a, src, CheckpointFormat.HF_BERT);
            WeightSource old = edited(src, n -> n.replaceFirst("^bert\\.", "").replace("LayerNorm.weight", "LayerNorm.gamma")
                    .replace("LayerNorm.bias", "LayerNorm.beta"));
            assertTrue(old.names().contains("encoder.layer.0.output.LayerNorm.gamma"), old.names().toString());
            LoadReport r = WeightLoader.load(b, old, CheckpointFormat.HF_BERT);
            assertEquals(ParameterPaths.of(b).size(), r.loaded().size());
            var pa = ParameterPaths.of(a);
            ParameterPaths.of(b).forEach((k, p) -> assertTrue(p.getArray().contentEquals(pa.get(k).getArray()), k));
        }
    }

    @Test
    void detectionReadsTheConfigurationOffTheShapes() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            for (String name : new String[] {"open_clip_tiny", "hf_clip_tiny"}) {
                ClipConfig want = Goldens.config(name);
                ModelDetector.Detected d = ModelDetector.detect(Goldens.weights(m, name), want.vision().activation(), 16);
                VisionConfig v = d.clip().vision();
                TextConfig t = d.clip().text();
                assertEquals(want.vision(), v, name);
                assertEquals(want.text().vocabSize(), t.vocabSize(), name);
                assertEquals(want.text().contextLength(), t.contextLength(), name);
                assertEquals(want.text().width(), t.width(), name);
                assertEquals(want.text().layers(), t.layers(), name);
                assertEquals(want.text().mlpWidth(), t.mlpWidth(), name);
                assertEquals(want.embedDim(), d.clip().embedDim(), name);
            }
            ModelDetector.Detected b = ModelDetector.detect(Goldens.weights(m, "hf_bert_tiny"), Activation.GELU, 16);
            assertEquals(CheckpointFormat.HF_BERT, b.format());
            BertConfig want = Goldens.config("hf_bert_tiny").bert();
            assertEquals(want.vocabSize(), b.bert().vocabSize());
            assertEquals(want.maxPositions(), b.bert().maxPositions());
            assertEquals(want.layers(), b.bert().layers());
            assertEquals(want.mlpWidth(), b.bert().mlpWidth());
        }
    }

    @Test
    void aFileOfNoKnownFamilyIsRefusedWithAnExample() {
        WeightSource src = WeightSource.of(Map.of("fc.weight", new WeightSource.Tensor(new long[] {2, 2}, new float[4])));
        CmerException e = assertThrows(CmerException.class, () -> ModelDetector.detect(src, Activation.GELU));
        assertTrue(e.getMessage().contains("not a CLIP, open_clip or BERT checkpoint"), e.getMessage());
    }
}
