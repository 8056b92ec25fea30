package cmer.data;

import cmer.core.CmerException;
import cmer.core.Footprint;
import cmer.core.FootprintReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Collects the images of a dataset while a reader walks its files: refuses duplicate ids and escaping paths
 * (errors naming file and line), counts blank captions and missing image files, reads georeferencing.
 */
final class DatasetBuilder {
    private final Path imageRoot;
    private final FootprintReader footprints;
    private final DatasetWarnings warnings = new DatasetWarnings();
    private final List<ImageRecord> images = new ArrayList<>();
    private final Map<String, String> firstSeen = new HashMap<>();

    DatasetBuilder(Path imageRoot, FootprintReader footprints) {
        this.imageRoot = imageRoot;
        this.footprints = footprints;
    }

    DatasetWarnings warnings() { return warnings; }

    /**
     * Adds one image. {@code scene} null means "take it from the file name".
     *
     * @param where file and line that introduced the image, for messages
     */
    void add(String id, Split split, String scene, List<String> captions, String where) {
        add(id, split, scene, captions, where, i -> where + " (caption " + (i + 1) + ")");
    }

    /** As above; {@code captionWhere.apply(i)} names the file and line of caption {@code i}. */
    void add(String id, Split split, String scene, List<String> captions, String where, IntFunction<String> captionWhere) {
        String prev = firstSeen.putIfAbsent(id, where);
        if (prev != null) throw new CmerException(where + ": image '" + id + "' appears twice (first at " + prev + ")");
        Path path = DatasetPaths.resolve(imageRoot, id, where);
        String s = scene == null || scene.isBlank() ? DatasetPaths.sceneFromName(id) : scene.strip();
        for (int i = 0; i < captions.size(); i++)
            if (captions.get(i).isBlank()) warnings.add(DatasetWarnings.Kind.BLANK_CAPTION, captionWhere.apply(i) + ": blank caption of " + id);
        Optional<Footprint> fp = Optional.empty();
        if (!Files.isRegularFile(path)) {
            warnings.add(DatasetWarnings.Kind.MISSING_IMAGE, where + ": image file " + path + " not found");
        } else {
            try {
                fp = footprints.read(path);
            } catch (RuntimeException e) {
                warnings.add(DatasetWarnings.Kind.UNREADABLE_GEOREFERENCING, path + ": " + e.getMessage());
            }
        }
        images.add(new ImageRecord(id, path, split, s, captions.stream().map(String::strip).toList(), fp));
    }

    Dataset build(String name, DatasetFormat format) {
        List<ImageRecord> ordered = new ArrayList<>();
        for (Split sp : Split.values()) for (ImageRecord r : images) if (r.split() == sp) ordered.add(r);
        return new Dataset(name, format, imageRoot, ordered, warnings);
    }
}
