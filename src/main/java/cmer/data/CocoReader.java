package cmer.data;

import cmer.core.CmerException;
import cmer.core.FootprintReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * COCO caption JSON (Sydney-/UCM-Captions): {@code images[] {id, file_name, split?}} and
 * {@code annotations[] {image_id, caption}}. Without a per-image split, the file name decides
 * ({@code captions_val.json} → val) and else train.
 */
final class CocoReader {
    private CocoReader() { }

    static Dataset read(Path file, Map<String, List<JsonEntries.Entry>> json, Path imageRoot, FootprintReader footprints) {
        List<JsonEntries.Entry> images = json.get("images"), anns = json.get("annotations");
        if (images == null || anns == null) throw new CmerException(file + ":1: COCO caption JSON needs 'images' and 'annotations' arrays");
        Map<String, JsonEntries.Entry> byId = new LinkedHashMap<>();
        Map<String, List<String>> caps = new LinkedHashMap<>();
        for (JsonEntries.Entry e : images) {
            String id = JsonEntries.text(e, "id", file);
            JsonEntries.Entry prev = byId.putIfAbsent(id, e);
            if (prev != null) throw new CmerException(file + ":" + e.line() + ": image id " + id + " appears twice (first at line " + prev.line() + ")");
            caps.put(id, new ArrayList<>());
        }
        for (JsonEntries.Entry a : anns) {
            String id = JsonEntries.text(a, "image_id", file);
            List<String> c = caps.get(id);
            if (c == null) throw new CmerException(file + ":" + a.line() + ": annotation refers to image_id " + id + ", which is not in 'images'");
            c.add(JsonEntries.text(a, "caption", file));
        }
        Split fallback = fileSplit(file);
        DatasetBuilder b = new DatasetBuilder(imageRoot, footprints);
        for (Map.Entry<String, JsonEntries.Entry> m : byId.entrySet()) {
            JsonEntries.Entry e = m.getValue();
            String s = JsonEntries.optText(e, "split");
            Split split = s == null ? fallback
                    : Split.parse(s).orElseThrow(() -> new CmerException(file + ":" + e.line() + ": unknown split '" + s + "'"));
            b.add(JsonEntries.text(e, "file_name", file), split, JsonEntries.optText(e, "label"), caps.get(m.getKey()),
                    file.getFileName() + ":" + e.line());
        }
        return b.build(file.getFileName().toString(), DatasetFormat.COCO_JSON);
    }

    private static Split fileSplit(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.contains("test")) return Split.TEST;
        if (n.contains("val")) return Split.VAL;
        return Split.TRAIN;
    }
}
