package cmer.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Loads a typed configuration record in three layers: the record's defaults, then a JSON or YAML file
 * (by extension), then {@code key.path=value} overrides from the command line. Unknown keys are errors
 * that name the file and the key, so a typo never silently falls back to a default.
 */
public final class Configs {
    public static final ObjectMapper JSON = configure(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

    private Configs() { }

    /** Paths are written as the user typed them (Jackson's default turns them into absolute file: URIs). */
    private static ObjectMapper configure(ObjectMapper m) {
        SimpleModule paths = new SimpleModule("paths");
        paths.addSerializer(Path.class, new ToStringSerializer(Path.class));
        paths.addDeserializer(Path.class, new FromStringDeserializer<Path>(Path.class) {
            @Override protected Path _deserialize(String value, DeserializationContext ctxt) { return Path.of(value); }
        });
        return m.findAndRegisterModules().registerModule(paths).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static <T> T load(Class<T> type, T defaults, Path file, List<String> overrides) {
        ObjectNode tree = JSON.valueToTree(defaults);
        String source = "defaults";
        if (file != null) {
            source = file.toString();
            merge(tree, read(file), file.toString());
        }
        for (String o : overrides) {
            set(tree, o);
            source = source + " + --set " + o;
        }
        try {
            return JSON.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new CmerException(source + ": unknown setting '" + e.getPropertyName()
                    + "'; known here: " + e.getKnownPropertyIds(), CmerException.BAD_INPUT, e);
        } catch (JsonProcessingException e) {
            throw new CmerException(source + ": " + e.getOriginalMessage(), CmerException.BAD_INPUT, e);
        } catch (IllegalArgumentException e) { // thrown by a record's compact constructor
            throw new CmerException(source + ": " + rootMessage(e), CmerException.BAD_INPUT, e);
        }
    }

    /** Writes a config (or any record) as indented JSON, atomically. */
    public static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.write(file, out -> JSON.writeValue(out, value));
    }

    static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) throw new CmerException("config file not found: " + file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper m = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
        try {
            JsonNode n = m.readTree(file.toFile());
            if (n == null || n.isMissingNode()) return JsonNodeFactory.instance.objectNode();
            if (!n.isObject()) throw new CmerException(file + ": expected a mapping of settings at the top level");
            return n;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new CmerException(file + (loc != null ? ":" + loc.getLineNr() : "") + ": not valid "
                    + (m == YAML ? "YAML" : "JSON") + ": " + e.getOriginalMessage(), CmerException.BAD_INPUT, e);
        } catch (IOException e) {
            throw new CmerException("cannot read " + file + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    private static void merge(ObjectNode into, JsonNode from, String where) {
        from.fields().forEachRemaining(e -> {
            JsonNode old = into.get(e.getKey());
            if (old == null) {
                throw new CmerException(where + ": unknown setting '" + e.getKey() + "'; known here: "
                        + iterable(into.fieldNames()));
            }
            if (old.isObject() && e.getValue().isObject()) merge((ObjectNode) old, e.getValue(), where + " > " + e.getKey());
            else into.set(e.getKey(), e.getValue());
        });
    }

    /** Applies one {@code a.b.c=value} override; the value is parsed as YAML (numbers, booleans, lists). */
    static void set(ObjectNode tree, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) throw new CmerException("--set " + assignment + ": expected key=value, e.g. train.lr=1e-4", CmerException.USAGE, null);
        String[] keys = assignment.substring(0, eq).strip().split("\\.");
        String raw = assignment.substring(eq + 1);
        ObjectNode node = tree;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            if (!(child instanceof ObjectNode)) throw unknown(assignment, keys[i], node);
            node = (ObjectNode) child;
        }
        String last = keys[keys.length - 1];
        if (!node.has(last)) throw unknown(assignment, last, node);
        JsonNode value;
        try {
            value = raw.isEmpty() ? JsonNodeFactory.instance.textNode("") : YAML.readTree(raw);
        } catch (JsonProcessingException e) {
            value = JsonNodeFactory.instance.textNode(raw);
        }
        if (node.get(last).isTextual() && !value.isTextual() && value.isValueNode()) value = JsonNodeFactory.instance.textNode(raw);
        node.set(last, value);
    }

    private static CmerException unknown(String assignment, String key, ObjectNode node) {
        return new CmerException("--set " + assignment + ": unknown setting '" + key + "'; known here: "
                + iterable(node.fieldNames()), CmerException.USAGE, null);
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage();
    }
}
