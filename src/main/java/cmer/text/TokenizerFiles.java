package cmer.text;

import cmer.core.CmerException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads what our tokenizers need from a tokenizer.json before handing it to DJL. */
final class TokenizerFiles {
    private TokenizerFiles() { }

    /** content → id of the file's {@code added_tokens}; plus the model vocabulary's entries for WordPiece specials. */
    static Map<String, Long> addedTokens(Path tokenizerJson) {
        JsonNode root = read(tokenizerJson);
        Map<String, Long> out = new LinkedHashMap<>();
        for (JsonNode t : root.path("added_tokens")) out.put(t.path("content").asText(), t.path("id").asLong());
        root.path("model").path("vocab").fields().forEachRemaining(e -> {
            if (e.getValue().canConvertToLong()) out.putIfAbsent(e.getKey(), e.getValue().asLong());
        });
        return out;
    }

    static JsonNode read(Path tokenizerJson) {
        if (!Files.isRegularFile(tokenizerJson)) throw new CmerException(tokenizerJson + ": no such tokenizer file", CmerException.IO, null);
        try {
            JsonNode root = new ObjectMapper().readTree(tokenizerJson.toFile());
            if (root == null || !root.isObject() || !root.has("model"))
                throw new CmerException(tokenizerJson + ": not a Hugging Face tokenizer.json (no \"model\" object)");
            return root;
        } catch (IOException e) {
            throw new CmerException(tokenizerJson + ": not valid JSON: " + e.getMessage(), e);
        }
    }
}
