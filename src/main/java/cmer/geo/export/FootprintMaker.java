package cmer.geo.export;

import cmer.core.CmerException;
import cmer.core.Footprint;
import cmer.geo.GeoReferencing;
import org.apache.sis.referencing.CRS;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;
import org.opengis.util.FactoryException;

/**
 * Builds a {@link Footprint} from a CRS code, a GDAL geotransform and an image size: the four pixel-grid
 * corners mapped through the geotransform (native ring) and through SIS to WGS84 lon/lat. For callers that
 * know the georeferencing already (tests, the index); reading it from files is {@code cmer.geo}'s job.
 */
public final class FootprintMaker {
    private FootprintMaker() { }

    public static Footprint of(String crsCode, double[] gt, int width, int height) {
        if (gt == null || gt.length != 6) throw new CmerException("geotransform needs 6 numbers (GDAL order)");
        CoordinateReferenceSystem crs = Crs.parse(crsCode);
        try {
            MathTransform toLonLat = CRS.findOperation(crs, Crs.wgs84(), null).getMathTransform();
            return GeoReferencing.footprint(crsCode, gt, width, height, toLonLat);
        } catch (FactoryException | TransformException e) {
            throw new CmerException("cannot transform the corners of a " + width + "x" + height + " image in " + crsCode + " to WGS84: " + e.getMessage(), e);
        }
    }
}
