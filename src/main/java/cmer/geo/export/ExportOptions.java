package cmer.geo.export;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an export writes.
 *
 * @param formats    the files to write
 * @param vectorCrs  CRS of Shapefile and GeoPackage geometries (GeoJSON is always WGS84, RFC 7946)
 * @param force      replace an existing target folder
 * @param worldFiles write a {@code .tfw} beside each GeoTIFF for tools that ignore GeoTIFF tags
 * @param attention  how attention maps travel with the GeoTIFFs
 */
public record ExportOptions(Set<Format> formats, VectorCrs vectorCrs, boolean force, boolean worldFiles, AttentionBand attention) {
    public enum Format { SHAPEFILE, GEOPACKAGE, GEOTIFF, CSV, GEOJSON }

    /** WGS84 lon/lat (EPSG:4326), or the images' own CRS (all georeferenced results must then share one). */
    public enum VectorCrs { WGS84, NATIVE }

    /**
     * {@code SEPARATE}: a single-band float32 {@code *_attention.tif} on the attention map's own grid, aligned
     * with the image (the default: the image keeps its pixel type and colours). {@code EXTRA_BAND}: the image
     * bands plus the map upsampled to the image size, all float32 (GeoTIFF bands share one sample type),
     * for tools that want one file. {@code NONE}: no attention output.
     */
    public enum AttentionBand { NONE, SEPARATE, EXTRA_BAND }

    public ExportOptions {
        formats = formats.isEmpty() ? EnumSet.noneOf(Format.class) : EnumSet.copyOf(formats);
    }

    public static ExportOptions defaults() {
        return new ExportOptions(EnumSet.allOf(Format.class), VectorCrs.WGS84, false, false, AttentionBand.SEPARATE);
    }

    public ExportOptions withFormats(Set<Format> f) { return new ExportOptions(f, vectorCrs, force, worldFiles, attention); }

    public ExportOptions withVectorCrs(VectorCrs c) { return new ExportOptions(formats, c, force, worldFiles, attention); }

    public ExportOptions withForce(boolean f) { return new ExportOptions(formats, vectorCrs, f, worldFiles, attention); }

    public ExportOptions withWorldFiles(boolean w) { return new ExportOptions(formats, vectorCrs, force, w, attention); }

    public ExportOptions withAttention(AttentionBand a) { return new ExportOptions(formats, vectorCrs, force, worldFiles, a); }
}
