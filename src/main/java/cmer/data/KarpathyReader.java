package cmer.data;

import cmer.core.CmerException;
import cmer.core.FootprintReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Karpathy JSON ({@code dataset_RSITMD.json} style): {@code {"images": [{"filename", "filepath"?, "split",
 * "sentences": [{"raw"}], "label"?}]}}. The image path is {@code filepath/filename}.
 */
final class KarpathyReader {
    private KarpathyReader() { }

    static Dataset read(Path file, Path imageRoot, FootprintReader footprints) {
        return read(file, JsonEntries.read(file, Set.of("images")), imageRoot, footprints);
    }

    static Dataset read(Path file, Map<String, List<JsonEntries.Entry>> json, Path imageRoot, FootprintReader footprints) {
        List<JsonEntries.Entry> images = json.get("images");
        if (images == null) throw new CmerException(file + ":1: no 'images' array (Karpathy JSON)");
        DatasetBuilder b = new DatasetBuilder(imageRoot, footprints);
        for (JsonEntries.Entry e : images) {
            String name = JsonEntries.text(e, "filename", file);
            String dir = JsonEntries.optText(e, "filepath");
            String id = dir == null || dir.isBlank() ? name : dir.replaceAll("/+$", "") + "/" + name;
            String s = JsonEntries.text(e, "split", file);
            Split split = Split.parse(s).orElseThrow(() -> new CmerException(file + ":" + e.line() + ": unknown split '" + s + "' (train, val or test)"));
            JsonNode sentences = e.node().get("sentences");
            if (sentences == null || !sentences.isArray()) throw new CmerException(file + ":" + e.line() + ": entry has no 'sentences' array");
            List<String> caps = new ArrayList<>();
            for (JsonNode sn : sentences) caps.add(sn.isObject() ? sn.path("raw").asText("") : sn.asText());
            b.add(id, split, JsonEntries.optText(e, "label"), caps, file.getFileName() + ":" + e.line());
        }
        return b.build(file.getFileName().toString(), DatasetFormat.KARPATHY_JSON);
    }
}
