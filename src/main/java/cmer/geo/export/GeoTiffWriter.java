package cmer.geo.export;

import cmer.core.CmerException;
import cmer.core.Footprint;
import java.awt.Dimension;
import java.awt.image.DataBufferFloat;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.sis.coverage.grid.GridCoverage;
import org.apache.sis.coverage.grid.GridCoverageBuilder;
import org.apache.sis.coverage.grid.GridExtent;
import org.apache.sis.coverage.grid.GridGeometry;
import org.apache.sis.coverage.grid.PixelInCell;
import org.apache.sis.referencing.operation.matrix.Matrix3;
import org.apache.sis.referencing.operation.transform.MathTransforms;
import org.apache.sis.storage.DataStore;
import org.apache.sis.storage.DataStoreException;
import org.apache.sis.storage.DataStores;
import org.apache.sis.storage.geotiff.GeoTiffStore;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.AxesConvention;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.util.FactoryException;

/**
 * GeoTIFFs of result images (Apache SIS writer): the image's own pixels, CRS and geotransform; optionally
 * the attention map as a single-band float32 GeoTIFF on its own grid aligned with the image, or as an extra
 * band (then all bands float32, because GDAL requires one sample type for all bands of a GeoTIFF), and
 * optionally an ESRI world file ({@code .tfw}: pixel-centre origin) beside each GeoTIFF.
 */
final class GeoTiffWriter {
    private GeoTiffWriter() { }

    /** Writes the files for one result into {@code dir}; returns their names relative to {@code dir}. */
    static List<String> write(Path dir, String base, ExportItem item, ExportOptions.AttentionBand attention, boolean worldFiles) throws IOException {
        Footprint fp = item.footprint().orElseThrow();
        CoordinateReferenceSystem crs = Crs.authority(fp.crs());
        RenderedImage image = read(item.file());
        if (image.getWidth() != fp.width() || image.getHeight() != fp.height())
            throw new CmerException(item.file() + ": image is " + image.getWidth() + "x" + image.getHeight()
                    + " pixels but its georeferencing describes " + fp.width() + "x" + fp.height());
        List<String> files = new ArrayList<>();
        double[] gt = fp.geoTransform();
        var map = item.attention().filter(a -> attention != ExportOptions.AttentionBand.NONE);
        if (map.isPresent() && attention == ExportOptions.AttentionBand.EXTRA_BAND) {
            store(dir.resolve(base + ".tif"), coverage(withBand(image, map.get()), image.getWidth(), image.getHeight(), grid(gt, fp.width(), fp.height(), crs)));
        } else {
            store(dir.resolve(base + ".tif"), image, grid(gt, fp.width(), fp.height(), crs));
        }
        files.add(base + ".tif");
        if (worldFiles) files.add(worldFile(dir, base, gt));
        if (map.isPresent() && attention == ExportOptions.AttentionBand.SEPARATE) {
            AttentionMap a = map.get();
            double sx = (double) fp.width() / a.width(), sy = (double) fp.height() / a.height();
            // same origin, pixels sx × sy image pixels wide: the map covers exactly the image
            double[] agt = {gt[0], gt[1] * sx, gt[2] * sy, gt[3], gt[4] * sx, gt[5] * sy};
            String name = base + "_attention";
            store(dir.resolve(name + ".tif"), coverage(new float[][] {a.values().clone()}, a.width(), a.height(), grid(agt, a.width(), a.height(), crs)));
            files.add(name + ".tif");
            if (worldFiles) files.add(worldFile(dir, name, agt));
        }
        return files;
    }

    static RenderedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new CmerException(file + ": image file not found");
        RenderedImage img = ImageIO.read(file.toFile());
        if (img == null) throw new CmerException(file + ": not an image format this JVM can read (expected TIFF, PNG, JPEG, BMP or GIF)");
        return img;
    }

    /**
     * GDAL geotransform: x = gt0 + col·gt1 + row·gt2, y = gt3 + col·gt4 + row·gt5 at pixel corners, x being
     * longitude/easting; followed by the axis swap into the authority's order (EPSG:4326 is latitude first),
     * so the GeoTIFF names the EPSG code.
     */
    private static GridGeometry grid(double[] gt, int w, int h, CoordinateReferenceSystem crs) {
        Matrix3 m = new Matrix3(gt[1], gt[2], gt[0], gt[4], gt[5], gt[3], 0, 0, 1);
        try {
            CoordinateReferenceSystem xy = AbstractCRS.castOrCopy(crs).forConvention(AxesConvention.DISPLAY_ORIENTED);
            MathTransform toAuthority = CRS.findOperation(xy, crs, null).getMathTransform();
            return new GridGeometry(new GridExtent(w, h), PixelInCell.CELL_CORNER, MathTransforms.concatenate(MathTransforms.linear(m), toAuthority), crs);
        } catch (FactoryException e) {
            throw new CmerException("cannot order the axes of " + crs.getName() + ": " + e.getMessage(), e);
        }
    }

    private static float[][] withBand(RenderedImage image, AttentionMap a) {
        Raster r = image.getData();
        int w = image.getWidth(), h = image.getHeight(), n = r.getNumBands();
        float[][] banks = new float[n + 1][];
        for (int b = 0; b < n; b++) banks[b] = r.getSamples(0, 0, w, h, b, new float[w * h]);
        banks[n] = a.resampled(w, h);
        return banks;
    }

    private static GridCoverage coverage(float[][] banks, int w, int h, GridGeometry grid) {
        return new GridCoverageBuilder().setDomain(grid).setValues(new DataBufferFloat(banks, w * h), new Dimension(w, h)).build();
    }

    private static void store(Path file, RenderedImage image, GridGeometry grid) throws IOException {
        try (DataStore ds = DataStores.openWritable(file, "GeoTIFF")) {
            ((GeoTiffStore) ds).append(image, grid, null);
        } catch (DataStoreException e) {
            throw new IOException("GeoTIFF " + file + ": " + e.getMessage(), e);
        }
    }

    private static void store(Path file, GridCoverage coverage) throws IOException {
        try (DataStore ds = DataStores.openWritable(file, "GeoTIFF")) {
            ((GeoTiffStore) ds).append(coverage, null);
        } catch (DataStoreException e) {
            throw new IOException("GeoTIFF " + file + ": " + e.getMessage(), e);
        }
    }

    /** ESRI world file: A, D, B, E, C, F with C/F at the centre of the top-left pixel. */
    private static String worldFile(Path dir, String base, double[] gt) throws IOException {
        double c = gt[0] + gt[1] / 2 + gt[2] / 2, f = gt[3] + gt[4] / 2 + gt[5] / 2;
        String text = String.format(Locale.ROOT, "%.10f%n%.10f%n%.10f%n%.10f%n%.10f%n%.10f%n", gt[1], gt[4], gt[2], gt[5], c, f);
        Files.writeString(dir.resolve(base + ".tfw"), text);
        return base + ".tfw";
    }
}
