package cmer.nn;

import cmer.core.CmerException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a model's configuration off its tensor shapes, so a user can import a checkpoint without a config file.
 * Shapes give widths, layer counts, patch and image size, context length, vocabulary and embedding size; they do
 * not give the head count (we assume 64-wide heads, true of every CLIP and BERT release), the activation
 * (callers pass it: QuickGELU for OpenAI-derived weights) or the end-of-text id (argmax, OpenAI's rule).
 */
public final class ModelDetector {
    /** Head width of every released CLIP and BERT. */
    public static final int HEAD_WIDTH = 64;

    /** What a checkpoint holds. */
    public record Detected(CheckpointFormat format, ClipConfig clip, BertConfig bert) { }

    private ModelDetector() { }

    /** Detects the family from the names, then the configuration from the shapes, assuming 64-wide heads. */
    public static Detected detect(WeightSource source, Activation activation) { return detect(source, activation, HEAD_WIDTH); }

    /** Same, for a model whose heads are {@code headWidth} wide (the shapes cannot tell). */
    public static Detected detect(WeightSource source, Activation activation, int headWidth) {
        CheckpointFormat format = CheckpointFormat.detect(source.names()).orElseThrow(() -> new CmerException(
                "not a CLIP, open_clip or BERT checkpoint: none of its " + source.names().size()
                        + " tensor names (e.g. vision_model.*, visual.conv1.weight, embeddings.word_embeddings.weight) was recognised"));
        WeightMap m = new WeightMap(source, format);
        return format == CheckpointFormat.HF_BERT
                ? new Detected(format, null, bert(m, 77, headWidth))
                : new Detected(format, clip(m, activation, headWidth), null);
    }

    static ClipConfig clip(WeightMap m, Activation act, int headWidth) {
        long[] conv = need(m, "visual.conv1.weight");                                    // (D, 3, p, p)
        long tokens = need(m, "visual.positional_embedding")[0];                         // g² + 1
        int grid = (int) Math.round(Math.sqrt(tokens - 1));
        if ((long) grid * grid + 1 != tokens) {
            throw new CmerException("visual.positional_embedding has " + tokens + " rows; expected grid² + 1 for a square image");
        }
        VisionConfig v = new VisionConfig(grid * (int) conv[2], (int) conv[2], (int) conv[0], layers(m, "visual."), headWidth,
                (int) need(m, "visual.transformer.resblocks.0.mlp.c_fc.weight")[0], act);
        long[] tok = need(m, "text.token_embedding.weight");                             // (V, D)
        TextConfig t = new TextConfig((int) need(m, "text.positional_embedding")[0], (int) tok[0], (int) tok[1],
                layers(m, "text."), headWidth, (int) need(m, "text.transformer.resblocks.0.mlp.c_fc.weight")[0], act, -1);
        return new ClipConfig(v, t, null, (int) need(m, "visual.proj")[1]);
    }

    static BertConfig bert(WeightMap m, int contextLength, int headWidth) {
        long[] word = need(m, "word_embeddings.weight");                                 // (V, D)
        int positions = (int) need(m, "position_embeddings.weight")[0];
        return new BertConfig((int) word[0], positions, (int) need(m, "token_type_embeddings.weight")[0], (int) word[1],
                layers(m, ""), headWidth, (int) need(m, "transformer.resblocks.0.mlp.c_fc.weight")[0], 0,
                Math.min(contextLength, positions));
    }

    private static long[] need(WeightMap m, String canonical) {
        if (!m.has(canonical)) throw new CmerException("cannot detect the model: the checkpoint has no tensor for '" + canonical + "'");
        return m.shape(canonical);
    }

    /** 1 + the largest N of {@code <prefix>transformer.resblocks.N.}. */
    private static int layers(WeightMap m, String prefix) {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "transformer\\.resblocks\\.(\\d+)\\..*");
        int max = -1;
        for (String name : m.pieces().keySet()) {
            Matcher x = p.matcher(name);
            if (x.matches()) max = Math.max(max, Integer.parseInt(x.group(1)));
        }
        if (max < 0) throw new CmerException("cannot detect the model: no " + prefix + "transformer layers found");
        return max + 1;
    }
}
