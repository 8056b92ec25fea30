package cmer.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import cmer.core.CmerException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CLIP's tokenizer over a local {@code tokenizer.json} (DJL's HuggingFaceTokenizer, offline): cleans and
 * lower-cases like CLIP, wraps each text as {@code <|startoftext|> ... <|endoftext|>}, cuts to the context length
 * keeping {@code <|endoftext|>} as the last token, pads with {@code padId} (0, as OpenAI and open_clip do).
 * Start/end/padding are done here, not by the HF post-processor, so the truncation rule is CLIP's.
 */
public final class ClipTokenizer implements AutoCloseable {
    public static final int DEFAULT_CONTEXT = 77;
    private final HuggingFaceTokenizer hf;
    private final Map<Long, String> tokens;
    private final int contextLength, padId;
    private final long sot, eot;

    private ClipTokenizer(HuggingFaceTokenizer hf, Map<Long, String> tokens, int contextLength, int padId, long sot, long eot) {
        this.hf = hf;
        this.tokens = tokens;
        this.contextLength = contextLength;
        this.padId = padId;
        this.sot = sot;
        this.eot = eot;
    }

    public static ClipTokenizer load(Path tokenizerJson) { return load(tokenizerJson, DEFAULT_CONTEXT); }

    public static ClipTokenizer load(Path tokenizerJson, int contextLength) {
        if (contextLength < 2) throw new CmerException("CLIP context length " + contextLength + " is below 2 (start and end token)");
        Map<String, Long> special = TokenizerFiles.addedTokens(tokenizerJson);
        Long sot = special.get(BpeTokenizerBuilder.SOT), eot = special.get(BpeTokenizerBuilder.EOT);
        if (sot == null || eot == null)
            throw new CmerException(tokenizerJson + ": no " + BpeTokenizerBuilder.SOT + " / " + BpeTokenizerBuilder.EOT + " in added_tokens: not a CLIP tokenizer");
        try {
            HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(tokenizerJson,
                    Map.of("addSpecialTokens", "false", "padding", "false", "truncation", "false"));
            Map<Long, String> byId = new HashMap<>();
            special.forEach((tok, id) -> byId.put(id, tok));
            return new ClipTokenizer(hf, byId, contextLength, 0, sot, eot);
        } catch (IOException | RuntimeException e) {
            throw new CmerException(tokenizerJson + ": cannot load tokenizer: " + e.getMessage(), e);
        }
    }

    public int contextLength() { return contextLength; }

    public long startId() { return sot; }

    public long endId() { return eot; }

    /** BPE ids of one text, without start/end tokens, after CLIP's clean-up. */
    public long[] bpeIds(String text) { return hf.encode(ClipText.clean(text), false, false).getIds(); }

    /** (B, contextLength) ids, mask and end-token positions. */
    public TokenBatch encode(List<String> texts) {
        int b = texts.size(), t = contextLength;
        long[][] ids = new long[b][t], mask = new long[b][t];
        int[] eotPos = new int[b];
        for (int i = 0; i < b; i++) {
            long[] body = bpeIds(texts.get(i));
            int n = Math.min(body.length, t - 2);                      // room for start and end
            ids[i][0] = sot;
            System.arraycopy(body, 0, ids[i], 1, n);
            ids[i][n + 1] = eot;
            for (int k = n + 2; k < t; k++) ids[i][k] = padId;
            for (int k = 0; k <= n + 1; k++) mask[i][k] = 1;
            eotPos[i] = n + 1;
        }
        return new TokenBatch(ids, mask, eotPos);
    }

    /**
     * Text of the ids between start and end token, as simple_tokenizer.decode: join the symbols, {@code </w>}
     * becomes a space, byte-level characters become UTF-8 bytes. Done in Java because the HF ByteLevel decoder
     * does not know CLIP's end-of-word suffix.
     */
    public String decode(long[] ids) {
        StringBuilder sb = new StringBuilder();
        for (long id : ids) {
            if (id == sot) continue;
            if (id == eot) break;
            String t = tokens.get(id);
            if (t != null) sb.append(t);
        }
        return ByteLevel.decode(sb.toString().replace(BpeEncoder.EOW, ByteLevel.encode(" "))).strip();
    }

    @Override
    public void close() { hf.close(); }
}
