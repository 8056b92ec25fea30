package cmer.data;

import cmer.core.CmerException;
import cmer.core.FootprintReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Opens a dataset of any supported format from a folder or file, detecting the format:
 * <ul>
 * <li>a folder with {@code train_caps.txt}/{@code test_caps.txt} (or one of those files): AMFMN precomp;</li>
 * <li>a {@code .json} file: a top-level array is HarMA; an object with {@code annotations} is COCO; an object with
 *     {@code images} is Karpathy;</li>
 * <li>a folder with {@code *_train.json}/{@code *_val.json}/{@code *_test.json} arrays: HarMA (all three read);</li>
 * <li>a folder with {@code dataset*.json}: that file (Karpathy or COCO); with {@code captions*.json}: COCO;</li>
 * <li>any other folder: a plain image folder.</li>
 * </ul>
 * Image file names are resolved against the folder holding the dataset file.
 */
public final class Datasets {
    private static final Pattern HARMA_NAME = Pattern.compile(".*_(train|val|test)\\.json");

    private Datasets() { }

    /** Reads the dataset at {@code path}; {@code footprints} reads georeferencing of present image files. */
    public static Dataset open(Path path, FootprintReader footprints) {
        Path p = path.toAbsolutePath().normalize();
        if (!Files.exists(p)) throw new CmerException(path + ": no such file or folder", CmerException.USAGE, null);
        if (Files.isDirectory(p)) return openFolder(p, footprints);
        String n = p.getFileName().toString().toLowerCase();
        if (n.endsWith(".txt") && AmfmnReader.accepts(p.getParent())) return AmfmnReader.read(p.getParent(), p.getParent(), footprints);
        if (n.endsWith(".json")) return openJson(p, footprints);
        throw new CmerException(path + ": not a dataset file (expected a folder, a .json dataset file or AMFMN *_caps.txt)");
    }

    /** The format {@link #open} would use, without reading the whole dataset. */
    public static DatasetFormat detect(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            if (AmfmnReader.accepts(p)) return DatasetFormat.AMFMN_PRECOMP;
            if (!harmaFiles(p).isEmpty()) return DatasetFormat.HARMA_JSON;
            Path j = mainJson(p);
            return j == null ? DatasetFormat.IMAGE_FOLDER : sniff(j);
        }
        if (p.toString().endsWith(".txt")) return DatasetFormat.AMFMN_PRECOMP;
        DatasetFormat f = sniff(p);
        if (f == null) throw new CmerException(path + ":1: not a dataset file (expected HarMA, Karpathy or COCO caption JSON)");
        return f;
    }

    private static Dataset openFolder(Path dir, FootprintReader footprints) {
        if (AmfmnReader.accepts(dir)) return AmfmnReader.read(dir, dir, footprints);
        List<Path> harma = harmaFiles(dir);
        if (!harma.isEmpty()) return HarmaReader.read(harma, dir, footprints, dir.getFileName().toString());
        Path j = mainJson(dir);
        if (j != null) return openJson(j, footprints);
        return ImageFolderReader.read(dir, footprints);
    }

    private static Dataset openJson(Path file, FootprintReader footprints) {
        Path root = file.getParent();
        if (sniff(file) == DatasetFormat.HARMA_JSON) return HarmaReader.read(List.of(file), root, footprints, file.getFileName().toString());
        Map<String, List<JsonEntries.Entry>> json = JsonEntries.read(file, Set.of("images", "annotations"));
        if (json.containsKey("annotations")) return CocoReader.read(file, json, root, footprints);
        if (json.containsKey("images")) return KarpathyReader.read(file, json, root, footprints);
        throw new CmerException(file + ":1: JSON object has neither 'images' (Karpathy) nor 'annotations' (COCO)");
    }

    /** HarMA: a top-level array starts with '['; otherwise look for the keys (cheap: first 64 KiB only); null: none. */
    private static DatasetFormat sniff(Path json) {
        try (InputStream in = Files.newInputStream(json)) {
            String head = new String(in.readNBytes(1 << 16), java.nio.charset.StandardCharsets.UTF_8).stripLeading();
            if (head.startsWith("\uFEFF")) head = head.substring(1).stripLeading();
            if (head.startsWith("[")) return DatasetFormat.HARMA_JSON;
            if (head.contains("\"annotations\"") || head.contains("\"image_id\"")) return DatasetFormat.COCO_JSON;
            if (head.contains("\"images\"")) return DatasetFormat.KARPATHY_JSON;
            return null;
        } catch (IOException e) {
            throw new CmerException(json + ": cannot read: " + e.getMessage(), CmerException.IO, e);
        }
    }

    private static List<Path> harmaFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        for (Split s : Split.values())
            for (Path f : list(dir))
                if (HARMA_NAME.matcher(f.getFileName().toString()).matches() && f.getFileName().toString().endsWith("_" + s.id() + ".json")
                        && sniff(f) == DatasetFormat.HARMA_JSON) out.add(f);
        return out;
    }

    private static Path mainJson(Path dir) {
        for (String prefix : new String[] {"dataset", "captions"})
            for (Path f : list(dir)) {
                String n = f.getFileName().toString();
                if (n.startsWith(prefix) && n.endsWith(".json") && sniff(f) != null) return f;
            }
        return null;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new CmerException(dir + ": cannot list: " + e.getMessage(), CmerException.IO, e);
        }
    }
}
