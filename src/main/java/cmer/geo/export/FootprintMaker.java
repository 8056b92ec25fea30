package cmer.geo.export;

import cmer.core.CmerException;
import cmer.core.Footprint;
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
        // pixel corners clockwise from top-left: (0,0) (w,0) (w,h) (0,h), then closed
        double[][] px = {{0, 0}, {width, 0}, {width, height}, {0, height}, {0, 0}};
        double[][] nat = new double[5][];
        double[][] ll = new double[5][];
        try {
            MathTransform toLonLat = CRS.findOperation(crs, Crs.wgs84(), null).getMathTransform();
            for (int i = 0; i < 5; i++) {
                double c = px[i][0], r = px[i][1];
                nat[i] = new double[] {gt[0] + c * gt[1] + r * gt[2], gt[3] + c * gt[4] + r * gt[5]};
                ll[i] = new double[2];
                toLonLat.transform(nat[i], 0, ll[i], 0, 1);
            }
        } catch (FactoryException | TransformException e) {
            throw new CmerException("cannot transform the corners of a " + width + "x" + height + " image in " + crsCode + " to WGS84: " + e.getMessage(), e);
        }
        return new Footprint(crsCode, gt.clone(), width, height, nat, ll);
    }
}
