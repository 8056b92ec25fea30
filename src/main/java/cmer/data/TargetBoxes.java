package cmer.data;

import cmer.core.CmerException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ground-truth target boxes side file of the sample dataset ({@code sample-data/targets.json}):
 * {@code {"boxes_are": "...", "images": [{"id": "airport_0000.jpg", "targets": [{"kind", "colour", "x", "y", "w", "h"}]}]}}.
 * The id is the same as {@link ImageRecord#id()}.
 */
public final class TargetBoxes {
    public static final String FILE = "targets.json";

    private TargetBoxes() { }

    /** Image id → its targets (images without targets map to an empty list), in file order. */
    public static Map<String, List<TargetBox>> read(Path file) {
        List<JsonEntries.Entry> images = JsonEntries.read(file, Set.of("images")).get("images");
        if (images == null) throw new CmerException(file + ":1: no 'images' array (target boxes file)");
        Map<String, List<TargetBox>> out = new LinkedHashMap<>();
        for (JsonEntries.Entry e : images) {
            String id = JsonEntries.text(e, "id", file);
            List<TargetBox> boxes = new ArrayList<>();
            for (JsonNode t : e.node().path("targets")) {
                try {
                    boxes.add(new TargetBox(t.path("kind").asText(), t.path("colour").asText(), t.path("x").asInt(), t.path("y").asInt(),
                            t.path("w").asInt(), t.path("h").asInt()));
                } catch (IllegalArgumentException ex) {
                    throw new CmerException(file + ":" + e.line() + ": bad target box of " + id + ": " + ex.getMessage(), ex);
                }
            }
            if (out.put(id, List.copyOf(boxes)) != null) throw new CmerException(file + ":" + e.line() + ": image '" + id + "' appears twice");
        }
        return out;
    }
}
