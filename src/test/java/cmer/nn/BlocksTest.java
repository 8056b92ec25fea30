package cmer.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import cmer.core.CmerException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes promised by getOutputShapes equal real forwards; parameter names are the checkpoint keys. */
class BlocksTest {

    private static void assertShapesMatchForward(Block block, NDManager m, NDArray... inputs) {
        Shape[] in = java.util.Arrays.stream(inputs).map(NDArray::getShape).toArray(Shape[]::new);
        try (NDManager step = m.newSubManager()) {
            NDList out = block.forward(new ParameterStore(step, false), new NDList(inputs), false);
            Shape[] promised = block.getOutputShapes(in);
            assertEquals(promised.length, out.size(), block.getClass().getSimpleName());
            for (int i = 0; i < promised.length; i++) assertEquals(promised[i], out.get(i).getShape(), block.getClass().getSimpleName());
        }
    }

    @Test
    void everyBlockReturnsTheShapeItPromises() {
        try (NDManager m = NDManager.newBaseManager()) {
            ClipModel model = ClipModel.create(ClipConfig.named("tiny"), m);
            NDArray images = m.randomNormal(new Shape(2, 3, 96, 96));
            NDArray ids = m.randomInteger(1, 4096, new Shape(3, 32), DataType.INT64);
            assertShapesMatchForward(model, m, images, ids);
            assertShapesMatchForward(model.visual(), m, images);
            assertShapesMatchForward(model.text(), m, ids.get(":, :20"));                 // shorter than the context
            NDArray x = m.randomNormal(new Shape(2, 5, 128));
            MultiHeadAttention attn = MultiHeadAttention.builder().setWidth(128).setHeads(4).build();
            Mlp mlp = Mlp.builder().setWidth(128).setHidden(64).setActivation(Activation.GELU).build();
            for (Block b : List.of(attn, mlp, new ResidualAttentionBlock(128, 2, 256, Activation.QUICK_GELU), new BertLayer(128, 2, 256), new Norm(128, 1e-5f))) {
                b.setInitializer(new ai.djl.training.initializer.NormalInitializer(0.02f), Parameter.Type.WEIGHT);
                b.initialize(m, DataType.FLOAT32, x.getShape());
                assertShapesMatchForward(b, m, x);
            }
        }
    }

    @Test
    void attentionProbabilitiesAreRowStochasticAndCausalForText() {
        try (NDManager m = NDManager.newBaseManager()) {
            ClipModel model = ClipModel.create(ClipConfig.named("tiny"), m);
            try (NDManager step = m.newSubManager()) {
                NDArray ids = step.randomInteger(1, 4096, new Shape(2, 32), DataType.INT64);
                TowerTaps t = model.text().forwardIntermediates(new ParameterStore(step, false), ids, new int[] {3}, 2);
                NDArray p = t.attention().orElseThrow();                                   // (B, N, T, T)
                assertEquals(new Shape(2, 2, 32, 32), p.getShape());
                assertTrue(p.sum(new int[] {-1}).sub(1).abs().max().getFloat() < 1e-5);
                assertEquals(0f, p.get(":, :, 0, 1:").sum().getFloat(), "token 0 may only see itself");
                assertEquals(new Shape(2, 32, 128), t.hidden().get(0).getShape());
                assertThrows(CmerException.class, () -> model.text().forwardIntermediates(new ParameterStore(step, false), ids, new int[] {4}, -1));
            }
        }
    }

    @Test
    void poolThenHeadOnTheLastTapGivesTheEmbedding() {
        for (String name : List.of("tiny", "tiny-bert")) {
            try (NDManager m = NDManager.newBaseManager()) {
                ClipModel model = ClipModel.create(ClipConfig.named(name), m);
                try (NDManager step = m.newSubManager()) {
                    ParameterStore ps = new ParameterStore(step, false);
                    NDArray ids = step.create(cmer.nn.bench.ForwardBench.captions(3, model.config()), new Shape(3, 32));
                    NDArray images = step.randomNormal(new Shape(2, 3, 96, 96));
                    for (var pair : List.of(List.of(model.visual(), images), List.of(model.text(), ids))) {
                        Tower tower = (Tower) pair.get(0);
                        NDArray input = (NDArray) pair.get(1);
                        TowerTaps t = tower.forwardIntermediates(ps, input, new int[] {tower.layers() - 1}, -1);
                        NDArray again = tower.head(ps, tower.pool(t.hidden().get(0), input), false);
                        assertTrue(t.pooled().sub(again).abs().max().getFloat() < 1e-6, name + " " + tower.getClass().getSimpleName());
                        assertTrue(t.attention().isEmpty());
                    }
                }
            }
        }
    }

    @Test
    void parameterPathsAreOpenClipKeys() {
        try (NDManager m = NDManager.newBaseManager()) {
            var names = ParameterPaths.of(ClipModel.create(ClipConfig.named("tiny"), m)).keySet();
            for (String k : List.of("visual.conv1.weight", "visual.class_embedding", "visual.positional_embedding", "visual.ln_pre.weight",
                    "visual.transformer.resblocks.3.attn.in_proj_weight", "visual.transformer.resblocks.0.attn.out_proj.bias",
                    "visual.transformer.resblocks.0.mlp.c_fc.weight", "visual.ln_post.bias", "visual.proj", "text.token_embedding.weight",
                    "text.positional_embedding", "text.transformer.resblocks.0.ln_2.weight", "text.ln_final.weight", "text.text_projection",
                    "logit_scale")) {
                assertTrue(names.contains(k), k + " not in " + names);
            }
            assertTrue(names.stream().noneMatch(n -> n.contains("gamma") || n.matches(".*\\.\\d\\d[a-z].*")), names.toString());
        }
    }

    @Test
    void vitB32HasOpenAisParameterCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            ClipModel model = ClipModel.create(ClipConfig.named("vit-b-32"), m);
            long n = ParameterPaths.of(model).values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertEquals(151_277_313L, n, "OpenAI CLIP ViT-B/32 has 151,277,313 parameters");
            assertEquals(12, model.visual().heads());
            assertEquals(8, model.text().heads());
            assertArrayEquals(new long[] {768, 3, 32, 32}, ParameterPaths.of(model).get("visual.conv1.weight").getArray().getShape().getShape());
        }
    }
}
