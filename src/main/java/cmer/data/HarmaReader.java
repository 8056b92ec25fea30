package cmer.data;

import cmer.core.CmerException;
import cmer.core.FootprintReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HarMA JSON ({@code rsitmd_train.json} ...): a top-level array; train files have one entry per caption
 * {@code {caption, image, image_id, label_name, label}}, val/test one entry per image {@code {image, caption[]}}.
 * The split comes from the file name ({@code *_train.json}) or else the image path ({@code train/...}).
 */
final class HarmaReader {
    private HarmaReader() { }

    static Dataset read(List<Path> files, Path imageRoot, FootprintReader footprints, String name) {
        DatasetBuilder b = new DatasetBuilder(imageRoot, footprints);
        for (Path f : files) readFile(b, f);
        return b.build(name, DatasetFormat.HARMA_JSON);
    }

    private record Group(String image, String scene, List<String> captions, int line) { }

    private static void readFile(DatasetBuilder b, Path file) {
        List<JsonEntries.Entry> entries = JsonEntries.read(file, Set.of()).get(JsonEntries.TOP);
        if (entries == null) throw new CmerException(file + ":1: expected a JSON array of HarMA entries");
        Map<String, Group> groups = new LinkedHashMap<>();   // per-caption entries grouped by image, first-seen order
        for (JsonEntries.Entry e : entries) {
            String image = JsonEntries.text(e, "image", file);
            JsonNode cap = e.node().get("caption");
            if (cap == null) throw new CmerException(file + ":" + e.line() + ": entry has no 'caption'");
            String scene = JsonEntries.optText(e, "label_name");
            if (cap.isArray()) {
                List<String> caps = new ArrayList<>();
                cap.forEach(c -> caps.add(c.asText()));
                if (groups.putIfAbsent(image, new Group(image, scene, caps, e.line())) != null)
                    throw new CmerException(file + ":" + e.line() + ": image '" + image + "' appears twice (first at line "
                            + groups.get(image).line() + ")");
            } else {
                groups.computeIfAbsent(image, k -> new Group(image, scene, new ArrayList<>(), e.line())).captions().add(cap.asText());
            }
        }
        for (Group g : groups.values())
            b.add(g.image(), split(file, g.image(), g.line()), g.scene(), g.captions(), file.getFileName() + ":" + g.line());
    }

    private static Split split(Path file, String image, int line) {
        String n = file.getFileName().toString().replaceFirst("\\.json$", "");
        int u = n.lastIndexOf('_');
        return Split.parse(u >= 0 ? n.substring(u + 1) : n)
                .or(() -> Split.parse(image.contains("/") ? image.substring(0, image.indexOf('/')) : ""))
                .orElseThrow(() -> new CmerException(file + ":" + line + ": cannot tell the split of '" + image
                        + "' (name the file *_train.json, *_val.json or *_test.json)"));
    }
}
