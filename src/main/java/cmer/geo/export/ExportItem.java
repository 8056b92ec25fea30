package cmer.geo.export;

import cmer.core.Footprint;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One ranked result to export.
 *
 * @param rank      1-based position in the ranking
 * @param score     similarity the ranking used
 * @param scene     scene label, or "" when unknown
 * @param file      the image file (read for the GeoTIFF export)
 * @param caption   a caption for the image, or ""
 * @param footprint where the image lies; empty for images without georeferencing
 * @param attention the query's saliency over the image, when computed
 */
public record ExportItem(int rank, double score, String scene, Path file, String caption,
                         Optional<Footprint> footprint, Optional<AttentionMap> attention) {
    public ExportItem {
        if (rank < 1) throw new IllegalArgumentException("rank must be >= 1: " + rank);
        if (file == null) throw new IllegalArgumentException("file is required");
        scene = scene == null ? "" : scene;
        caption = caption == null ? "" : caption;
        footprint = footprint == null ? Optional.empty() : footprint;
        attention = attention == null ? Optional.empty() : attention;
    }

    /** File name without folders and extension, for output names. */
    public String stem() {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
