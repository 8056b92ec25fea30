package cmer.geo;

import cmer.core.CmerException;
import cmer.core.Footprint;
import cmer.core.FootprintReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.apache.sis.coverage.grid.GridExtent;
import org.apache.sis.coverage.grid.GridGeometry;
import org.apache.sis.coverage.grid.PixelInCell;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.CommonCRS;
import org.apache.sis.referencing.IdentifiedObjects;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.AxesConvention;
import org.apache.sis.referencing.operation.transform.MathTransforms;
import org.apache.sis.storage.Aggregate;
import org.apache.sis.storage.DataStore;
import org.apache.sis.storage.DataStoreException;
import org.apache.sis.storage.DataStores;
import org.apache.sis.storage.GridCoverageResource;
import org.apache.sis.storage.Resource;
import org.apache.sis.metadata.iso.citation.Citations;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.operation.Matrix;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.util.FactoryException;

/**
 * Reads an image's georeferencing with Apache SIS: GeoTIFF tags first, else a world file
 * ({@code .tfw/.tgw/.jgw/.pgw/.wld}, or the extension + {@code w}) with a {@code .prj} WKT sidecar.
 * A world file without {@code .prj} gives no footprint (the CRS is unknown, like GDAL).
 */
public final class GeoReferencing implements FootprintReader {
    /** Parsed .prj files and their lon/lat transforms: tiles of an archive share a handful of CRSs (SIS parses a WKT in ~20 ms). */
    private final Map<String, CoordinateReferenceSystem> parsed = new ConcurrentHashMap<>();
    private final Map<CoordinateReferenceSystem, MathTransform> toLonLat = new ConcurrentHashMap<>();

    @Override
    public Optional<Footprint> read(Path image) {
        String n = image.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (n.endsWith(".tif") || n.endsWith(".tiff")) {
                Optional<Footprint> f = fromGeoTiff(image);
                if (f.isPresent()) return f;
            }
            return fromWorldFile(image);
        } catch (DataStoreException | FactoryException | org.opengis.referencing.operation.TransformException e) {
            throw new CmerException(image + ": unreadable georeferencing: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CmerException(image + ": cannot read: " + e.getMessage(), CmerException.IO, e);
        }
    }

    private Optional<Footprint> fromGeoTiff(Path image) throws DataStoreException, FactoryException,
            org.opengis.referencing.operation.TransformException {
        try (DataStore ds = DataStores.open(image)) {
            GridCoverageResource r = firstCoverage(ds);
            if (r == null) return Optional.empty();
            GridGeometry g = r.getGridGeometry();
            if (!g.isDefined(GridGeometry.CRS | GridGeometry.GRID_TO_CRS | GridGeometry.EXTENT)) return Optional.empty();
            CoordinateReferenceSystem crs = g.getCoordinateReferenceSystem(), xy = eastNorth(crs);
            // grid → CRS, then into x = east, y = north (GDAL's order) when the CRS declares lat/lon (EPSG:4326)
            MathTransform toXy = MathTransforms.concatenate(g.getGridToCRS(PixelInCell.CELL_CORNER),
                    CRS.findOperation(crs, xy, null).getMathTransform());
            Matrix m = MathTransforms.getMatrix(toXy);
            if (m == null) return Optional.empty();                                  // not affine
            GridExtent e = g.getExtent();
            double[] gt = {m.getElement(0, 2), m.getElement(0, 0), m.getElement(0, 1),
                           m.getElement(1, 2), m.getElement(1, 0), m.getElement(1, 1)};
            return Optional.of(footprint(crs, gt, (int) e.getSize(0), (int) e.getSize(1)));
        }
    }

    private static GridCoverageResource firstCoverage(Resource r) throws DataStoreException {
        if (r instanceof GridCoverageResource g) return g;
        if (r instanceof Aggregate a) for (Resource c : a.components()) {
            GridCoverageResource g = firstCoverage(c);
            if (g != null) return g;
        }
        return null;
    }

    private Optional<Footprint> fromWorldFile(Path image) throws IOException, FactoryException,
            org.opengis.referencing.operation.TransformException {
        Path wf = WorldFiles.find(image).orElse(null);
        if (wf == null) return Optional.empty();
        Path prj = WorldFiles.sibling(image, "prj");
        if (!Files.isRegularFile(prj)) return Optional.empty();
        double[] gt = WorldFiles.readGeoTransform(wf);
        CoordinateReferenceSystem crs;
        try {
            String wkt = Files.readString(prj, StandardCharsets.UTF_8).strip();
            crs = parsed.get(wkt);
            if (crs == null) {
                crs = CRS.fromWKT(wkt);
                parsed.put(wkt, crs);
            }
        } catch (FactoryException e) {
            throw new CmerException(prj + ": not a WKT coordinate reference system: " + e.getMessage(), e);
        }
        int[] size = ImageSize.of(image);
        return Optional.of(footprint(crs, gt, size[0], size[1]));
    }

    /** Builds the footprint, with the CRS's lon/lat transform cached per reader. */
    private Footprint footprint(CoordinateReferenceSystem crs, double[] gt, int w, int h) throws FactoryException,
            org.opengis.referencing.operation.TransformException {
        MathTransform toLonLat = this.toLonLat.get(crs);
        if (toLonLat == null) {
            toLonLat = CRS.findOperation(eastNorth(crs), CommonCRS.WGS84.normalizedGeographic(), null).getMathTransform();
            this.toLonLat.put(crs, toLonLat);
        }
        return footprint(code(crs), gt, w, h, toLonLat);
    }

    /**
     * The footprint of a w×h image whose GDAL geotransform {@code gt} maps pixels to (east, north) in the CRS
     * named {@code code}: the four pixel-grid corners, clockwise from top-left and closed, through {@code gt}
     * (native ring) and then through {@code toLonLat} (WGS84 ring). Also used by the exporter's tests and callers
     * that know the georeferencing already ({@code cmer.geo.export.FootprintMaker}).
     */
    public static Footprint footprint(String code, double[] gt, int w, int h, MathTransform toLonLat)
            throws org.opengis.referencing.operation.TransformException {
        double[][] px = {{0, 0}, {w, 0}, {w, h}, {0, h}, {0, 0}};
        double[][] ring = new double[5][], lonLat = new double[5][];
        for (int i = 0; i < 5; i++) {
            double c = px[i][0], r = px[i][1];
            ring[i] = new double[] {gt[0] + c * gt[1] + r * gt[2], gt[3] + c * gt[4] + r * gt[5]};
            lonLat[i] = new double[2];
            toLonLat.transform(ring[i], 0, lonLat[i], 0, 1);
        }
        return new Footprint(code, gt.clone(), w, h, ring, lonLat);
    }

    /**
     * The CRS with axes (east, north): world files and GDAL geotransforms are always x = easting/longitude,
     * whatever axis order the CRS declares (EPSG:4326 is latitude first).
     */
    static CoordinateReferenceSystem eastNorth(CoordinateReferenceSystem crs) {
        return AbstractCRS.castOrCopy(crs).forConvention(AxesConvention.DISPLAY_ORIENTED);
    }

    /** "EPSG:32618" when the CRS carries or SIS finds an EPSG code, else the CRS as WKT. */
    static String code(CoordinateReferenceSystem crs) throws FactoryException {
        String id = IdentifiedObjects.getIdentifierOrName(crs);
        var ident = IdentifiedObjects.getIdentifier(crs, Citations.EPSG);
        if (ident != null) return "EPSG:" + ident.getCode();
        Integer epsg = IdentifiedObjects.lookupEPSG(crs);
        if (epsg != null) return "EPSG:" + epsg;
        return id != null && id.startsWith("EPSG:") ? id : crs.toWKT();
    }

    /** For tests and messages: every world-file extension this reader tries, in order, for an image. */
    public static List<String> worldFileExtensions(Path image) { return WorldFiles.extensions(image); }
}
