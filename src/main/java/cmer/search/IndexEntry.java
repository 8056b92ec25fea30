package cmer.search;

import cmer.core.Footprint;
import java.util.Optional;

/**
 * One image of an index.
 *
 * @param id        unique within the index: the dataset's image id (path relative to an image folder)
 * @param path      absolute path of the image file when indexed
 * @param size      file size in bytes when indexed (with {@code mtime}: the change test of re-indexing)
 * @param mtime     last-modified time in milliseconds when indexed
 * @param label     the scene the dataset gives (metadata or file name), "" when unknown
 * @param scene     the scene the ranking uses: {@code label} when it is one of the index's scenes, else the most
 *                  probable scene of the image's scene distribution
 * @param caption   the image's first caption when the dataset has one, else ""
 * @param footprint georeferencing (native CRS and WGS84), empty when the image has none
 * @param thumb     thumbnail file relative to the index folder
 */
public record IndexEntry(String id, String path, long size, long mtime, String label, String scene, String caption,
                         Optional<Footprint> footprint, String thumb) {
    public IndexEntry {
        label = label == null ? "" : label;
        caption = caption == null ? "" : caption;
        footprint = footprint == null ? Optional.empty() : footprint;
    }

    /** True when this WGS84 box {minLon, minLat, maxLon, maxLat} and the footprint's bounding box overlap. */
    public boolean intersects(double[] bbox) {
        if (footprint.isEmpty()) return false;
        double[] b = footprint.get().bboxLonLat();
        return b[0] <= bbox[2] && bbox[0] <= b[2] && b[1] <= bbox[3] && bbox[1] <= b[3];
    }

    /** "EPSG:32632, centre 11.4321 E 45.2101 N" or "no georeferencing". */
    public String footprintSummary() {
        if (footprint.isEmpty()) return "no georeferencing";
        double[] b = footprint.get().bboxLonLat();
        String crs = footprint.get().crs();
        return String.format(java.util.Locale.ROOT, "%s, centre %.5f %.5f (lon lat)", crs.length() > 24 ? "custom CRS" : crs,
                (b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
    }
}
