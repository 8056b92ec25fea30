package cmer.nn;

import static cmer.nn.Goldens.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tiny CLIP models from PyTorch, in open_clip and Hugging Face naming: our towers must reproduce them to 1e-4. */
class GoldenClipTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"open_clip_tiny, OPEN_CLIP, 1, 0, attn_mask", "hf_clip_tiny, HF_CLIP, 0, 1, text_model.embeddings.position_ids"})
    void towersMatchPyTorch(String name, CheckpointFormat format, int imageAttn, int textAttn, String ignoredBuffer) throws Exception {
        try (NDManager root = NDManager.newBaseManager(); NDManager modelScope = root.newSubManager()) {
            ClipModel model = ClipModel.create(Goldens.config(name), modelScope);
            WeightSource src = Goldens.weights(root, name);
            assertEquals(Optional.of(format), CheckpointFormat.detect(src.names()));
            LoadReport report = WeightLoader.load(model, src, format);
            assertEquals(ParameterPaths.of(model).size(), report.loaded().size());
            assertEquals(List.of(), report.unused());
            assertEquals(List.of(ignoredBuffer), report.ignored());
            int modelArrays = ((ai.djl.ndarray.BaseNDManager) modelScope).getManagedArrays().size();

            try (NDManager step = root.newSubManager()) {
                Map<String, NDArray> io = Goldens.io(step, name);
                ParameterStore ps = new ParameterStore(step, false);
                TowerTaps image = model.visual().forwardIntermediates(ps, io.get("images"), new int[] {0, 1}, imageAttn);
                assertClose(io.get("image_embeds"), image.pooled(), name + " image embeddings");
                assertClose(io.get("image_hidden.0"), image.hidden().get(0), name + " image layer 0");
                assertClose(io.get("image_hidden.1"), image.hidden().get(1), name + " image layer 1");
                assertClose(io.get("image_attn." + imageAttn), image.attention().orElseThrow(), name + " image attention");

                TowerTaps text = model.text().forwardIntermediates(ps, io.get("ids"), new int[] {1, 0}, textAttn);
                assertClose(io.get("text_embeds"), text.pooled(), name + " text embeddings");
                assertClose(io.get("text_hidden.1"), text.hidden().get(0), name + " text layer 1 (asked first)");
                assertClose(io.get("text_hidden.0"), text.hidden().get(1), name + " text layer 0");
                assertClose(io.get("text_attn." + textAttn), text.attention().orElseThrow(), name + " text attention");

                var both = model.forward(ps, new ai.djl.ndarray.NDList(io.get("images"), io.get("ids")), false);
                assertClose(io.get("image_embeds"), both.get(0), name + " plain forward, images");
                assertClose(io.get("text_embeds"), both.get(1), name + " plain forward, texts");
                assertEquals(Math.log(1 / 0.07) + 0.1, model.logitScale(), 1e-6);
            }
            assertEquals(modelArrays, ((ai.djl.ndarray.BaseNDManager) modelScope).getManagedArrays().size(),
                    "a forward pass left arrays in the model's manager");
            assertTrue(modelArrays > 0);
        }
    }
}
