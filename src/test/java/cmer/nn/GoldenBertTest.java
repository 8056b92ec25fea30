package cmer.nn;

import static cmer.nn.Goldens.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tiny HF-named BERT from PyTorch: our post-LN tower with padding mask must reproduce it to 1e-4. */
class GoldenBertTest {

    @Test
    void bertTowerMatchesPyTorch() throws Exception {
        try (NDManager root = NDManager.newBaseManager(); NDManager modelScope = root.newSubManager()) {
            ClipConfig cfg = Goldens.config("hf_bert_tiny");
            BertTextTower tower = new BertTextTower(cfg.bert(), cfg.embedDim());
            tower.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
            tower.initialize(modelScope, DataType.FLOAT32, new Shape(1, cfg.bert().contextLength()));
            WeightSource src = Goldens.weights(root, "hf_bert_tiny");
            LoadReport report = WeightLoader.load(tower, src, CheckpointFormat.HF_BERT);
            assertEquals(List.of("bert.pooler.dense.weight", "bert.pooler.dense.bias"), report.unused());
            assertEquals(List.of("bert.embeddings.position_ids"), report.ignored());
            assertTrue(report.loaded().contains("transformer.resblocks.1.attn.in_proj_weight"));

            try (NDManager step = root.newSubManager()) {
                Map<String, NDArray> io = Goldens.io(step, "hf_bert_tiny");
                TowerTaps t = tower.forwardIntermediates(new ParameterStore(step, false), io.get("ids"), new int[] {0, 1}, 1);
                assertClose(io.get("text_embeds"), t.pooled(), "BERT embeddings");
                assertClose(io.get("text_hidden.0"), t.hidden().get(0), "BERT layer 0");
                assertClose(io.get("text_hidden.1"), t.hidden().get(1), "BERT layer 1");
                assertClose(io.get("text_attn.1"), t.attention().orElseThrow(), "BERT attention, padded keys at 0");
            }
            assertEquals(ParameterPaths.of(tower).size(), ((ai.djl.ndarray.BaseNDManager) modelScope).getManagedArrays().size(),
                    "only the parameters live in the model's manager after a forward");
        }
    }

    @Test
    void aPlainBertCheckpointLeavesOnlyOurProjectionInitialised() throws Exception {
        try (NDManager root = NDManager.newBaseManager()) {
            ClipConfig cfg = Goldens.config("hf_bert_tiny");
            BertTextTower tower = new BertTextTower(cfg.bert(), cfg.embedDim());
            tower.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
            tower.initialize(root, DataType.FLOAT32, new Shape(1, 10));
            WeightSource full = Goldens.weights(root, "hf_bert_tiny");
            Map<String, WeightSource.Tensor> plain = new java.util.LinkedHashMap<>();
            for (String n : full.names()) if (!n.equals("text_projection")) plain.put(n, new WeightSource.Tensor(full.shape(n), full.data(n)));
            var e = org.junit.jupiter.api.Assertions.assertThrows(cmer.core.CmerException.class,
                    () -> WeightLoader.load(tower, WeightSource.of(plain), CheckpointFormat.HF_BERT));
            assertTrue(e.getMessage().contains("text_projection (32, 24)"), e.getMessage());
            LoadReport r = WeightLoader.load(tower, WeightSource.of(plain), CheckpointFormat.HF_BERT, "text_projection"::equals);
            assertEquals(List.of("text_projection"), r.keptInitialized());
        }
    }
}
