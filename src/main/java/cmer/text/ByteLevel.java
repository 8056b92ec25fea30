package cmer.text;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2/CLIP's reversible byte → printable character map ({@code bytes_to_unicode}): the printable Latin-1
 * bytes map to themselves, the other 68 to U+0100 upwards, so byte-level BPE never sees spaces or controls.
 */
public final class ByteLevel {
    private static final char[] BYTE_TO_CHAR = new char[256];

    static {
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = printable ? (char) b : (char) (256 + n++);
        }
    }

    private ByteLevel() { }

    /** The printable character standing for byte {@code b} (0–255). */
    public static char charOf(int b) { return BYTE_TO_CHAR[b & 0xff]; }

    /** A string's UTF-8 bytes as byte-level characters. */
    public static String encode(String text) {
        StringBuilder sb = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) sb.append(charOf(b));
        return sb.toString();
    }

    /** Byte-level characters back to text (characters outside the map are dropped). */
    public static String decode(String symbols) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        symbols.chars().forEach(c -> {
            for (int b = 0; b < 256; b++) if (BYTE_TO_CHAR[b] == c) { out.write(b); return; }
        });
        return out.toString(StandardCharsets.UTF_8);
    }

    /** CLIP's order of the 256 base symbols: printable bytes first (as bytes_to_unicode lists them), then the rest. */
    public static char[] vocabOrder() {
        char[] out = new char[256];
        int i = 0;
        for (int b = 0; b < 256; b++) if (BYTE_TO_CHAR[b] == b) out[i++] = (char) b;
        for (int b = 0; b < 256; b++) if (BYTE_TO_CHAR[b] != b) out[i++] = BYTE_TO_CHAR[b];
        return out;
    }
}
