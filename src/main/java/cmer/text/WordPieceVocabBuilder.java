package cmer.text;

import cmer.core.AtomicFiles;
import cmer.core.CmerException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small BERT-style WordPiece {@code tokenizer.json} for tests and tiny models: [PAD] [UNK] [CLS] [SEP] [MASK],
 * every character seen (alone and as {@code ##c}), then whole words by frequency (ties alphabetical). Not
 * Google's WordPiece trainer (that optimises likelihood); enough for a vocabulary whose greedy longest-match
 * split is known. Real BERT checkpoints come with their own tokenizer.json.
 */
public final class WordPieceVocabBuilder {
    public static final List<String> SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
    /** BERT's basic tokenizer: runs of letters/digits, or one punctuation character. */
    static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]", Pattern.UNICODE_CHARACTER_CLASS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int vocabSize;
    private final Map<String, Integer> vocab = new LinkedHashMap<>();

    public WordPieceVocabBuilder(int vocabSize) { this.vocabSize = vocabSize; }

    /** The basic tokenizer's words of a text, lower-cased (BertNormalizer lowercase=true, no accent stripping). */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) out.add(m.group());
        return out;
    }

    public WordPieceVocabBuilder train(List<String> texts) {
        vocab.clear();
        SPECIALS.forEach(s -> vocab.put(s, vocab.size()));
        Map<String, Integer> freq = new TreeMap<>();
        TreeMap<String, Boolean> chars = new TreeMap<>();
        for (String t : texts)
            for (String w : words(t)) {
                freq.merge(w, 1, Integer::sum);
                w.codePoints().forEach(cp -> chars.put(new String(Character.toChars(cp)), true));
            }
        for (String c : chars.keySet()) vocab.putIfAbsent(c, vocab.size());
        for (String c : chars.keySet()) vocab.putIfAbsent("##" + c, vocab.size());
        freq.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue() != 0 ? b.getValue() - a.getValue() : a.getKey().compareTo(b.getKey()))
                .forEach(e -> { if (vocab.size() < vocabSize) vocab.putIfAbsent(e.getKey(), vocab.size()); });
        return this;
    }

    public Map<String, Integer> vocab() { return vocab; }

    /** Writes tokenizer.json in the layout of Hugging Face's BertTokenizerFast (atomically). */
    public void write(Path tokenizerJson) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String s : SPECIALS)
            added.addObject().put("id", vocab.get(s)).put("content", s).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
        root.putObject("normalizer").put("type", "BertNormalizer").put("clean_text", true).put("handle_chinese_chars", true)
                .put("strip_accents", false).put("lowercase", true);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor").put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        single.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        pair.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 1);
        ObjectNode st = post.putObject("special_tokens");
        for (String s : List.of("[CLS]", "[SEP]")) {
            ObjectNode o = st.putObject(s).put("id", s);
            o.putArray("ids").add(vocab.get(s));
            o.putArray("tokens").add(s);
        }
        root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
        ObjectNode model = root.putObject("model").put("type", "WordPiece").put("unk_token", "[UNK]")
                .put("continuing_subword_prefix", "##").put("max_input_chars_per_word", 100);
        ObjectNode v = model.putObject("vocab");
        vocab.forEach(v::put);
        try {
            AtomicFiles.writeString(tokenizerJson, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new CmerException(tokenizerJson + ": cannot write: " + e.getMessage(), CmerException.IO, e);
        }
    }
}
