package cmer.text;

/**
 * Token ids of a batch of texts, padded to one length T.
 *
 * @param ids           (B, T) token ids
 * @param attentionMask (B, T) 1 for real tokens, 0 for padding
 * @param eotPositions  (B) index of the end token ({@code <|endoftext|>} for CLIP, {@code [SEP]} for BERT): where
 *                      CLIP's text tower pools
 */
public record TokenBatch(long[][] ids, long[][] attentionMask, int[] eotPositions) {
    public int batchSize() { return ids.length; }

    public int length() { return ids.length == 0 ? 0 : ids[0].length; }
}
