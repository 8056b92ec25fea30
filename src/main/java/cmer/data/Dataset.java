package cmer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A captioned (or caption-less) image collection in one model for every supported format.
 * Images keep dataset-file order, so for the evaluation protocol the captions of image {@code i} of a split
 * are captions {@code 5i..5i+4} of {@link #pairs(Split)} when every image has 5 non-blank captions.
 *
 * @param name     display name (folder or file name)
 * @param format   the format it was read from
 * @param root     folder image paths are resolved against
 * @param images   every image, train then val then test in file order per split
 * @param warnings blank captions, missing images, ... found while reading (and later while loading pixels)
 */
public record Dataset(String name, DatasetFormat format, Path root, List<ImageRecord> images, DatasetWarnings warnings) {
    public Dataset {
        Objects.requireNonNull(name);
        Objects.requireNonNull(format);
        Objects.requireNonNull(root);
        images = List.copyOf(images);
        Objects.requireNonNull(warnings);
    }

    /** Images of one split in dataset order. */
    public List<ImageRecord> split(Split split) { return images.stream().filter(r -> r.split() == split).toList(); }

    /** The image with this id (a linear scan: for many look-ups keep {@link #byId()}). */
    public Optional<ImageRecord> image(String id) { return images.stream().filter(r -> r.id().equals(id)).findFirst(); }

    /** Id → image, in dataset order (built on each call). */
    public Map<String, ImageRecord> byId() {
        Map<String, ImageRecord> m = new LinkedHashMap<>();
        for (ImageRecord r : images) m.put(r.id(), r);
        return m;
    }

    /**
     * (image, caption) pairs of a split for training or evaluation: blank captions and images whose file is
     * missing are skipped (both were counted in {@link #warnings()} when the dataset was read). Corrupt image
     * files are found only when decoded: use {@link ImageLoader#tryLoad} which counts them.
     */
    public List<CaptionPair> pairs(Split split) {
        List<CaptionPair> out = new ArrayList<>();
        for (ImageRecord r : split(split)) {
            if (!Files.isRegularFile(r.path())) continue;
            for (int i = 0; i < r.captions().size(); i++) {
                String c = r.captions().get(i);
                if (!c.isBlank()) out.add(new CaptionPair(r, c, i));
            }
        }
        return out;
    }
}
