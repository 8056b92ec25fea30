package cmer.nn;

/**
 * A CLIP text tower (causal transformer).
 *
 * @param contextLength tokens per caption (77 in CLIP)
 * @param vocabSize     rows of the token embedding; must match the tokenizer
 * @param width         token width D
 * @param layers        residual attention blocks
 * @param headWidth     width of one attention head
 * @param mlpWidth      hidden width of the MLP
 * @param activation    MLP non-linearity
 * @param eotTokenId    pooling: the first position holding this id; -1 = the position of the largest id
 *                      (OpenAI's rule, right when end-of-text is the last vocabulary entry)
 */
public record TextConfig(int contextLength, int vocabSize, int width, int layers, int headWidth, int mlpWidth,
                         Activation activation, int eotTokenId) {
    public TextConfig {
        VisionConfig.positive("text.contextLength", contextLength);
        VisionConfig.positive("text.vocabSize", vocabSize);
        VisionConfig.positive("text.layers", layers);
        VisionConfig.positive("text.mlpWidth", mlpWidth);
        VisionConfig.heads("text", width, headWidth);
        if (activation == null) throw new IllegalArgumentException("text.activation is missing: expected quick_gelu or gelu");
        if (eotTokenId < -1 || eotTokenId >= vocabSize) {
            throw new IllegalArgumentException("text.eotTokenId " + eotTokenId + " must be -1 (argmax) or an id below vocabSize " + vocabSize);
        }
    }

    public int heads() { return width / headWidth; }
}
