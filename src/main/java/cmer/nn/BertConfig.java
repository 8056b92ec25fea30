package cmer.nn;

/**
 * A BERT text tower (post-LN encoder, GELU, CLS pooling) used instead of CLIP's text transformer.
 *
 * @param vocabSize     rows of the word embedding (30522 for bert-base-uncased)
 * @param maxPositions  rows of the position embedding (512)
 * @param typeVocabSize rows of the token-type embedding (2); we always use type 0
 * @param width         token width D
 * @param layers        encoder layers
 * @param headWidth     width of one attention head
 * @param mlpWidth      intermediate width
 * @param padTokenId    id whose positions are masked out of attention (0 for BERT's [PAD])
 * @param contextLength tokens per caption fed by the tokenizer; at most maxPositions
 */
public record BertConfig(int vocabSize, int maxPositions, int typeVocabSize, int width, int layers, int headWidth,
                         int mlpWidth, int padTokenId, int contextLength) {
    public BertConfig {
        VisionConfig.positive("bert.vocabSize", vocabSize);
        VisionConfig.positive("bert.maxPositions", maxPositions);
        VisionConfig.positive("bert.typeVocabSize", typeVocabSize);
        VisionConfig.positive("bert.layers", layers);
        VisionConfig.positive("bert.mlpWidth", mlpWidth);
        VisionConfig.heads("bert", width, headWidth);
        if (padTokenId < 0 || padTokenId >= vocabSize) {
            throw new IllegalArgumentException("bert.padTokenId " + padTokenId + " is outside the vocabulary of " + vocabSize);
        }
        if (contextLength <= 0 || contextLength > maxPositions) {
            throw new IllegalArgumentException("bert.contextLength " + contextLength + " must be in 1.." + maxPositions + " (maxPositions)");
        }
    }

    public int heads() { return width / headWidth; }
}
