package cmer.data;

import cmer.core.CmerException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the entries of the arrays in a dataset JSON file together with the line each entry starts on, so
 * errors can name {@code file:line}. Jackson's tree model drops locations, hence this small streaming walk.
 */
final class JsonEntries {
    /** One array element and the line (1-based) where it starts. */
    record Entry(JsonNode node, int line) { }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Key under which a top-level array's entries are returned. */
    static final String TOP = "";

    private JsonEntries() { }

    /**
     * Entries of a top-level array (key {@link #TOP}) or of the named arrays of a top-level object; other
     * top-level fields are returned as whole nodes with line 0 under their name.
     */
    static Map<String, List<Entry>> read(Path file, Set<String> arrays) {
        Map<String, List<Entry>> out = new LinkedHashMap<>();
        try (JsonParser p = MAPPER.getFactory().createParser(file.toFile())) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                out.put(TOP, elements(p));
            } else if (t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (arrays.contains(name) && v == JsonToken.START_ARRAY) out.put(name, elements(p));
                    else out.put(name, List.of(new Entry(MAPPER.readTree(p), p.currentLocation().getLineNr())));
                }
            } else {
                throw new CmerException(file + ":1: expected a JSON array or object");
            }
            if (p.nextToken() != null) throw new CmerException(file + ":" + p.currentLocation().getLineNr() + ": unexpected data after the JSON value");
        } catch (JsonProcessingException e) {
            throw new CmerException(file + ":" + e.getLocation().getLineNr() + ": malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CmerException(file + ": cannot read: " + e.getMessage(), CmerException.IO, e);
        }
        return out;
    }

    private static List<Entry> elements(JsonParser p) throws IOException {
        List<Entry> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int line = p.currentTokenLocation().getLineNr();
            list.add(new Entry(MAPPER.readTree(p), line));
        }
        return list;
    }

    /** A required text field of an entry, or an error naming file, line and field. */
    static String text(Entry e, String field, Path file) {
        JsonNode v = e.node().get(field);
        if (v == null || !v.isValueNode() || v.isNull())
            throw new CmerException(file + ":" + e.line() + ": entry has no text field '" + field + "'");
        return v.asText();
    }

    /** An optional text field (null when absent). */
    static String optText(Entry e, String field) {
        JsonNode v = e.node().get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }
}
