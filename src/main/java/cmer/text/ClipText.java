package cmer.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CLIP's text clean-up and pre-tokenisation, as in OpenAI's simple_tokenizer.py (minus ftfy's mojibake repair). */
public final class ClipText {
    /** CLIP's split pattern; the same string goes into tokenizer.json's Split pre-tokenizer (Rust regex syntax). */
    public static final String SPLIT = "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";
    private static final Pattern SPLIT_RE = Pattern.compile(SPLIT, Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private ClipText() { }

    /** whitespace_clean(basic_clean(text)).lower(): runs of white space become one space, trimmed, lower case. */
    public static String clean(String text) {
        return SPACES.matcher(text).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    /** The pieces BPE works on, each mapped to byte-level characters. */
    public static List<String> preTokenize(String cleaned) {
        List<String> out = new ArrayList<>();
        Matcher m = SPLIT_RE.matcher(cleaned);
        while (m.find()) out.add(ByteLevel.encode(m.group()));
        return out;
    }
}
