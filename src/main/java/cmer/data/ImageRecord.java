package cmer.data;

import cmer.core.Footprint;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One image of a dataset.
 *
 * @param id        unique within the dataset: the file name as the dataset file writes it (e.g. {@code boat_0.tif},
 *                  {@code train/bridge_942.tif}); for an image folder the path relative to the folder
 * @param path      absolute path of the image file (it may not exist: caption-only copies of a dataset)
 * @param split     train, val or test
 * @param scene     scene class ({@code "unknown"} when neither the format nor the file name gives one)
 * @param captions  captions in dataset order (normally 5; blank ones kept so indices match the protocol)
 * @param footprint georeferencing when the image file carries it (GeoTIFF tags or world file + .prj)
 */
public record ImageRecord(String id, Path path, Split split, String scene, List<String> captions,
                          Optional<Footprint> footprint) {
    public static final String UNKNOWN_SCENE = "unknown";

    public ImageRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(scene, "scene");
        captions = List.copyOf(captions);
        Objects.requireNonNull(footprint, "footprint");
    }

    /** Captions that are not blank, in order. */
    public List<String> usableCaptions() { return captions.stream().filter(c -> !c.isBlank()).toList(); }
}
