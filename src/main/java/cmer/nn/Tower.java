package cmer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import cmer.core.CmerException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An image or text encoder. {@code forward} maps its input to the projected embedding (B, E);
 * {@link #forwardIntermediates} also returns per-layer hidden states and one layer's attention.
 */
public interface Tower extends Block {
    /** Number of transformer layers (valid taps are 0..layers-1, the output of that layer). */
    int layers();

    /** Token width D of the hidden states. */
    int width();

    /** Attention heads N per layer. */
    int heads();

    /**
     * The token this tower pools from a last-layer-shaped hidden state (B, T, D): the class token (ViT), the
     * end-of-text token (CLIP text, found in the ids) or [CLS] (BERT). Out (B, D), before the final norm.
     *
     * @param input the tower's input (token ids for the text towers; ignored by the ViT)
     */
    NDArray pool(NDArray hidden, NDArray input);

    /** The tower's final norm (ln_post / ln_final; none for BERT) and projection: (B, D) → (B, E). */
    NDArray head(ParameterStore ps, NDArray pooled, boolean training);

    /**
     * Runs the tower once and keeps the hidden state after each layer in {@code taps} and, when
     * {@code attentionLayer >= 0}, that layer's attention probabilities.
     *
     * @param input images (B, 3, H, W) for a vision tower, token ids (B, T) for a text tower
     */
    default TowerTaps forwardIntermediates(ParameterStore ps, NDArray input, int[] taps, int attentionLayer) {
        for (int t : taps) {
            if (t < 0 || t >= layers()) throw new CmerException("tap " + t + " is outside layers 0.." + (layers() - 1));
        }
        if (attentionLayer >= layers()) throw new CmerException("attention layer " + attentionLayer + " is outside 0.." + (layers() - 1));
        PairList<String, Object> p = new PairList<>();
        p.add(Transformer.TAPS, taps.clone());
        p.add(Transformer.ATTENTION_LAYER, attentionLayer);
        NDList out = forward(ps, new NDList(input), false, p);
        List<NDArray> hidden = new ArrayList<>(Arrays.asList(out.subList(1, 1 + taps.length).toArray(new NDArray[0])));
        Optional<NDArray> attention = attentionLayer >= 0 ? Optional.of(out.get(1 + taps.length)) : Optional.empty();
        return new TowerTaps(out.head(), List.copyOf(hidden), attention);
    }
}
