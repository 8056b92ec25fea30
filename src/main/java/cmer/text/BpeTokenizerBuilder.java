package cmer.text;

import cmer.core.AtomicFiles;
import cmer.core.CmerException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains a small CLIP-style byte-level BPE (end-of-word suffix {@code </w>}, CLIP's byte map and split pattern)
 * on a list of texts and writes a Hugging Face {@code tokenizer.json} that DJL's HuggingFaceTokenizer loads.
 * No CLIP tokenizer ships offline, and the sample model needs its own small vocabulary. Deterministic: the most
 * frequent pair wins, ties go to the lexicographically smallest pair. Vocabulary layout as CLIP's: 256 bytes,
 * 256 bytes + {@code </w>}, the merges in order, then {@code <|startoftext|>} and {@code <|endoftext|>}.
 */
public final class BpeTokenizerBuilder {
    public static final String SOT = "<|startoftext|>", EOT = "<|endoftext|>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int vocabSize;
    private final Map<String, Integer> vocab = new LinkedHashMap<>();
    private final List<String> merges = new ArrayList<>();

    /** @param vocabSize target size including the 512 byte symbols and the two special tokens (e.g. 2000–4000) */
    public BpeTokenizerBuilder(int vocabSize) {
        if (vocabSize < 514) throw new CmerException("BPE vocabulary size " + vocabSize + " is below the 514 base symbols");
        this.vocabSize = vocabSize;
    }

    /** Learns merges from {@code texts} (cleaned and split as CLIP does). */
    public BpeTokenizerBuilder train(List<String> texts) {
        vocab.clear();
        merges.clear();
        for (char c : ByteLevel.vocabOrder()) vocab.put(String.valueOf(c), vocab.size());
        for (char c : ByteLevel.vocabOrder()) vocab.put(c + BpeEncoder.EOW, vocab.size());
        Map<String, Integer> freq = new TreeMap<>();                     // piece → count, sorted for determinism
        for (String t : texts) for (String p : ClipText.preTokenize(ClipText.clean(t))) freq.merge(p, 1, Integer::sum);
        List<List<String>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        freq.forEach((p, n) -> {
            List<String> w = new ArrayList<>();
            p.codePoints().forEach(cp -> w.add(new String(Character.toChars(cp))));
            w.set(w.size() - 1, w.get(w.size() - 1) + BpeEncoder.EOW);
            words.add(w);
            counts.add(n);
        });
        // pair counts kept up to date incrementally: only the words holding the merged pair are recounted
        Map<String, Integer> pairs = new HashMap<>();
        Map<String, Set<Integer>> where = new HashMap<>();
        for (int i = 0; i < words.size(); i++) count(words.get(i), counts.get(i), i, pairs, where);
        while (vocab.size() < vocabSize - 2) {
            String best = null;
            int bestCount = 0;
            for (Map.Entry<String, Integer> e : pairs.entrySet()) {
                int c = e.getValue();
                if (c > bestCount || (c == bestCount && e.getKey().compareTo(best) < 0)) { best = e.getKey(); bestCount = c; }
            }
            if (best == null) break;                                      // every piece is one symbol already
            int sp = best.indexOf(' ');
            String a = best.substring(0, sp), b = best.substring(sp + 1), ab = a + b;
            merges.add(best);
            vocab.putIfAbsent(ab, vocab.size());
            for (int i : where.remove(best)) {
                List<String> w = words.get(i);
                count(w, -counts.get(i), i, pairs, null);
                for (int k = 0; k + 1 < w.size(); k++)
                    if (w.get(k).equals(a) && w.get(k + 1).equals(b)) { w.set(k, ab); w.remove(k + 1); }
                count(w, counts.get(i), i, pairs, where);
            }
        }
        vocab.put(SOT, vocab.size());
        vocab.put(EOT, vocab.size());
        return this;
    }

    /** Adds {@code n} (negative: removes) for each adjacent pair of {@code w}; records word {@code i} under each pair. */
    private static void count(List<String> w, int n, int i, Map<String, Integer> pairs, Map<String, Set<Integer>> where) {
        for (int k = 0; k + 1 < w.size(); k++) {
            String p = w.get(k) + " " + w.get(k + 1);
            if (pairs.merge(p, n, Integer::sum) <= 0) pairs.remove(p);
            if (where != null) where.computeIfAbsent(p, x -> new HashSet<>()).add(i);
        }
    }

    public Map<String, Integer> vocab() { return vocab; }

    public List<String> merges() { return merges; }

    /** The Java reference encoder for this vocabulary. */
    public BpeEncoder encoder() { return new BpeEncoder(vocab, merges); }

    /** Writes tokenizer.json (atomically) in the layout of Hugging Face's CLIPTokenizerFast. */
    public void write(Path tokenizerJson) {
        if (vocab.isEmpty()) throw new IllegalStateException("train() first");
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String s : List.of(SOT, EOT))
            added.addObject().put("id", vocab.get(s)).put("content", s).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", true).put("special", true);
        ObjectNode norm = root.putObject("normalizer").put("type", "Sequence");
        ArrayNode ns = norm.putArray("normalizers");
        ns.addObject().put("type", "NFC");
        ns.addObject().put("type", "Replace").put("content", " ").putObject("pattern").put("Regex", "\\s+");
        ns.addObject().put("type", "Lowercase");
        ObjectNode pre = root.putObject("pre_tokenizer").put("type", "Sequence");
        ArrayNode ps = pre.putArray("pretokenizers");
        ObjectNode split = ps.addObject().put("type", "Split");
        split.putObject("pattern").put("Regex", ClipText.SPLIT);
        split.put("behavior", "Removed").put("invert", true);
        ps.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true).put("use_regex", false);
        ObjectNode post = root.putObject("post_processor").put("type", "RobertaProcessing");
        post.putArray("sep").add(EOT).add(vocab.get(EOT));
        post.putArray("cls").add(SOT).add(vocab.get(SOT));
        post.put("trim_offsets", false).put("add_prefix_space", false);
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", true).put("trim_offsets", true).put("use_regex", true);
        ObjectNode model = root.putObject("model").put("type", "BPE").putNull("dropout").put("unk_token", EOT)
                .put("continuing_subword_prefix", "").put("end_of_word_suffix", BpeEncoder.EOW).put("fuse_unk", false)
                .put("byte_fallback", false);
        ObjectNode v = model.putObject("vocab");
        vocab.forEach(v::put);
        ArrayNode m = model.putArray("merges");
        merges.forEach(m::add);
        try {
            AtomicFiles.writeString(tokenizerJson, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new CmerException(tokenizerJson + ": cannot write: " + e.getMessage(), CmerException.IO, e);
        }
    }
}
