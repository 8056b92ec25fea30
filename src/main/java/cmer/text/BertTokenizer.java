package cmer.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import cmer.core.CmerException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * BERT's WordPiece tokenizer over a local {@code tokenizer.json} (DJL's HuggingFaceTokenizer, offline):
 * {@code [CLS] ... [SEP]} from the file's post-processor, cut and padded to {@code maxLength} by DJL's own
 * truncation/padding options, with the attention mask. The end position is the {@code [SEP]} token.
 */
public final class BertTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer hf;
    private final int maxLength;
    private final long sep;

    private BertTokenizer(HuggingFaceTokenizer hf, int maxLength, long sep) {
        this.hf = hf;
        this.maxLength = maxLength;
        this.sep = sep;
    }

    public static BertTokenizer load(Path tokenizerJson, int maxLength) {
        if (maxLength < 2) throw new CmerException("BERT max length " + maxLength + " is below 2 ([CLS] and [SEP])");
        Long sep = TokenizerFiles.addedTokens(tokenizerJson).get("[SEP]");
        if (sep == null) throw new CmerException(tokenizerJson + ": no [SEP] token: not a BERT tokenizer");
        try {
            HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("addSpecialTokens", "true",
                    "truncation", "true", "padding", "max_length", "maxLength", "" + maxLength));
            return new BertTokenizer(hf, maxLength, sep);
        } catch (IOException | RuntimeException e) {
            throw new CmerException(tokenizerJson + ": cannot load tokenizer: " + e.getMessage(), e);
        }
    }

    public int maxLength() { return maxLength; }

    /** (B, maxLength) ids, attention mask and [SEP] positions. */
    public TokenBatch encode(List<String> texts) {
        int b = texts.size();
        long[][] ids = new long[b][], mask = new long[b][];
        int[] end = new int[b];
        for (int i = 0; i < b; i++) {
            Encoding e = hf.encode(texts.get(i));
            ids[i] = e.getIds();
            mask[i] = e.getAttentionMask();
            if (ids[i].length != maxLength) throw new IllegalStateException("tokenizer returned " + ids[i].length + " ids, expected " + maxLength);
            end[i] = -1;
            for (int k = 0; k < ids[i].length; k++) if (ids[i][k] == sep && mask[i][k] == 1) end[i] = k;
        }
        return new TokenBatch(ids, mask, end);
    }

    /** WordPiece tokens of one text, without [CLS]/[SEP] or padding. */
    public List<String> tokens(String text) {
        Encoding e = hf.encode(text, false, false);
        List<String> out = new java.util.ArrayList<>();
        String[] toks = e.getTokens();
        long[] mask = e.getAttentionMask();
        for (int k = 0; k < toks.length; k++) if (mask[k] == 1) out.add(toks[k]);
        return out;
    }

    @Override
    public void close() { hf.close(); }
}
