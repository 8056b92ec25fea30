package cmer.data;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code cmer dataset inspect} shows: counts per split, captions per image, scene histogram, blank and
 * duplicate captions, missing image files, images without georeferencing, warnings. A plain record so the CLI
 * can print it as a table ({@link #text()}) or as JSON (Jackson).
 *
 * @param splits           per split, in train/val/test order (splits with no image left out)
 * @param captionsPerImage number of caption lines per image → images (all splits)
 * @param scenes           scene → images, most frequent first (ties by name)
 * @param warnings         warning kind → count
 * @param examples         warning kind → first few messages (file and line)
 */
public record DatasetReport(String name, String format, String root, int images, int scenesCount,
                            Map<String, SplitStats> splits, Map<Integer, Integer> captionsPerImage,
                            Map<String, Integer> scenes, Map<String, Integer> warnings, Map<String, List<String>> examples) {

    /**
     * @param captions         non-blank captions
     * @param blankCaptions    blank caption lines
     * @param allBlankImages   images whose captions are all blank (or that have none)
     * @param uniqueCaptions   distinct non-blank caption strings
     * @param duplicateCaptions non-blank captions equal to an earlier one of the split ({@code captions - uniqueCaptions})
     * @param missingImages    images whose file is not there
     * @param noGeoreferencing present images without a footprint
     * @param meanWords        mean caption length in whitespace-separated tokens (non-blank captions)
     * @param maxWords         longest caption in tokens
     */
    public record SplitStats(int images, int captions, int blankCaptions, int allBlankImages, int uniqueCaptions,
                             int duplicateCaptions, int missingImages, int noGeoreferencing, double meanWords, int maxWords) { }

    public static DatasetReport of(Dataset d) {
        Map<String, SplitStats> splits = new LinkedHashMap<>();
        for (Split s : Split.values()) {
            List<ImageRecord> imgs = d.split(s);
            if (imgs.isEmpty()) continue;
            int caps = 0, blank = 0, allBlank = 0, missing = 0, noGeo = 0, maxWords = 0;
            long words = 0;
            Set<String> unique = new HashSet<>();
            for (ImageRecord r : imgs) {
                List<String> ok = r.usableCaptions();
                caps += ok.size();
                blank += r.captions().size() - ok.size();
                if (ok.isEmpty()) allBlank++;
                unique.addAll(ok);
                for (String c : ok) {
                    int n = c.strip().split("\\s+").length;
                    words += n;
                    maxWords = Math.max(maxWords, n);
                }
                if (!Files.isRegularFile(r.path())) missing++;
                else if (r.footprint().isEmpty()) noGeo++;
            }
            splits.put(s.id(), new SplitStats(imgs.size(), caps, blank, allBlank, unique.size(), caps - unique.size(), missing, noGeo,
                    caps == 0 ? 0 : Math.round(10.0 * words / caps) / 10.0, maxWords));
        }
        Map<Integer, Integer> perImage = new TreeMap<>();
        Map<String, Integer> sceneCounts = new HashMap<>();
        for (ImageRecord r : d.images()) {
            perImage.merge(r.captions().size(), 1, Integer::sum);
            sceneCounts.merge(r.scene(), 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(sceneCounts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> scenes = new LinkedHashMap<>();
        sorted.forEach(e -> scenes.put(e.getKey(), e.getValue()));
        Map<String, Integer> warnings = new LinkedHashMap<>();
        Map<String, List<String>> examples = new LinkedHashMap<>();
        d.warnings().counts().forEach((k, v) -> {
            warnings.put(k.name().toLowerCase(), v);
            examples.put(k.name().toLowerCase(), d.warnings().examples(k));
        });
        return new DatasetReport(d.name(), d.format().title(), d.root().toString(), d.images().size(), scenes.size(),
                splits, perImage, scenes, warnings, examples);
    }

    /** Total over all splits of one column. */
    public int total(java.util.function.ToIntFunction<SplitStats> column) {
        return splits.values().stream().mapToInt(column).sum();
    }

    /** The human-readable report: aligned tables, histogram bars. */
    public String text() { return ReportText.format(this); }
}
