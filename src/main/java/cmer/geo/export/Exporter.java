package cmer.geo.export;

import cmer.core.AtomicFiles;
import cmer.core.CmerException;
import cmer.core.Footprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * Exports a ranked result set into a folder: {@code results.shp} (+ .shx .dbf .prj .cpg), {@code results.gpkg},
 * {@code results.csv}, {@code results.geojson}, {@code images/NNN_name.tif} (+ attention, world files) and
 * {@code export-report.txt}. The library call behind {@code cmer export} and the Studio's export button.
 * Atomic: everything is written into a hidden temporary sibling folder that is renamed onto the target at the
 * end, so a failure leaves no half-written export; an existing target is replaced only with {@code force}.
 */
public final class Exporter {
    static final String BASE = "results", IMAGES = "images", REPORT = "export-report.txt";

    private Exporter() { }

    public static ExportReport export(ResultExport result, Path target, ExportOptions options) {
        Path dest = target.toAbsolutePath().normalize();
        if (Files.exists(dest) && !options.force())
            throw new CmerException("export target " + dest + " already exists; choose another folder or use --force to replace it", CmerException.USAGE, null);
        if (Files.exists(dest) && !Files.isDirectory(dest))
            throw new CmerException("export target " + dest + " is a file, not a folder", CmerException.USAGE, null);
        Path tmp = null;
        try {
            Files.createDirectories(dest.getParent());
            tmp = Files.createTempDirectory(dest.getParent(), "." + dest.getFileName() + ".partial-");
            ExportReport report = writeAll(result, tmp, dest, options);
            AtomicFiles.writeString(tmp.resolve(REPORT), report.text());
            replace(tmp, dest);
            tmp = null;
            return report;
        } catch (IOException e) {
            throw new CmerException("export to " + dest + " failed: " + e.getMessage() + " (nothing was written there)", CmerException.IO, e);
        } finally {
            if (tmp != null) deleteQuietly(tmp);
        }
    }

    private static ExportReport writeAll(ResultExport r, Path dir, Path dest, ExportOptions o) throws IOException {
        List<String> files = new ArrayList<>(), warnings = new ArrayList<>(), missing = new ArrayList<>();
        List<ExportItem> located = new ArrayList<>();
        for (ExportItem it : r.items()) {
            if (it.footprint().isPresent()) located.add(it);
            else missing.add("rank " + it.rank() + ": " + it.file());
        }
        var formats = o.formats();
        boolean wgs84 = o.vectorCrs() == ExportOptions.VectorCrs.WGS84;
        boolean vectors = formats.contains(ExportOptions.Format.SHAPEFILE) || formats.contains(ExportOptions.Format.GEOPACKAGE);
        String crsCode = wgs84 || !vectors ? Crs.WGS84 : commonCrs(located);
        CoordinateReferenceSystem crs = Crs.authority(crsCode);

        if (formats.contains(ExportOptions.Format.CSV)) {
            TableWriters.csv(dir.resolve(BASE + ".csv"), r);
            files.add(BASE + ".csv");
        }
        if (formats.contains(ExportOptions.Format.GEOJSON)) {
            TableWriters.geoJson(dir.resolve(BASE + ".geojson"), r);
            files.add(BASE + ".geojson");
        }
        if (formats.contains(ExportOptions.Format.SHAPEFILE)) {
            List<ShapefileWriter.Feature> fs = new ArrayList<>();
            for (ExportItem it : located)
                fs.add(new ShapefileWriter.Feature(Rings.ring(it.footprint().get(), wgs84, true),
                        new Object[] {it.rank(), it.score(), it.scene(), it.file().toString(), r.query(), it.caption()}, "rank " + it.rank()));
            List<DbfWriter.Field> fields = List.of(new DbfWriter.Field("rank", 'N', 9, 0), new DbfWriter.Field("score", 'N', 19, 8),
                    new DbfWriter.Field("scene", 'C', 254, 0), new DbfWriter.Field("file", 'C', 254, 0),
                    new DbfWriter.Field("query", 'C', 254, 0), new DbfWriter.Field("caption", 'C', 254, 0));
            files.addAll(ShapefileWriter.write(dir, BASE, fs, fields, Crs.wkt1Esri(crs), warnings));
        }
        if (formats.contains(ExportOptions.Format.GEOPACKAGE)) {
            List<GeoPackageWriter.Feature> fs = new ArrayList<>();
            for (ExportItem it : located)
                fs.add(new GeoPackageWriter.Feature(Rings.ring(it.footprint().get(), wgs84, false), it.rank(), it.score(), it.scene(), it.file().toString(), it.caption()));
            GeoPackageWriter.write(dir.resolve(BASE + ".gpkg"), r, srs(crsCode, crs), fs);
            files.add(BASE + ".gpkg");
        }
        if (formats.contains(ExportOptions.Format.GEOTIFF) && !located.isEmpty()) {
            Files.createDirectories(dir.resolve(IMAGES));
            for (ExportItem it : located) {
                String base = String.format(Locale.ROOT, "%03d_%s", it.rank(), safe(it.stem()));
                for (String f : GeoTiffWriter.write(dir.resolve(IMAGES), base, it, o.attention(), o.worldFiles())) files.add(IMAGES + "/" + f);
            }
        }
        if (located.isEmpty() && (vectors || formats.contains(ExportOptions.Format.GEOTIFF)))
            warnings.add("no result has georeferencing: the Shapefile and GeoPackage hold no features and no GeoTIFF was written");
        return new ExportReport(dest, files, warnings, missing);
    }

    /** Native-CRS vectors: one layer has one CRS, so all georeferenced results must share it. */
    private static String commonCrs(List<ExportItem> located) {
        TreeSet<String> codes = new TreeSet<>();
        located.forEach(it -> codes.add(it.footprint().map(Footprint::crs).orElseThrow()));
        if (codes.size() > 1)
            throw new CmerException("native-CRS export needs one CRS, but the results use " + codes.size() + ": " + String.join(", ", codes)
                    + "; export in WGS84 instead", CmerException.USAGE, null);
        return codes.isEmpty() ? Crs.WGS84 : codes.first();
    }

    private static GeoPackageWriter.Srs srs(String code, CoordinateReferenceSystem crs) {
        OptionalInt epsg = Crs.epsg(code);
        String name = crs.getName().getCode();
        return epsg.isPresent() ? new GeoPackageWriter.Srs(epsg.getAsInt(), "EPSG", epsg.getAsInt(), name, Crs.wkt1(crs))
                : new GeoPackageWriter.Srs(100_000, "NONE", 100_000, name, Crs.wkt1(crs));   // user range: no authority code known
    }

    private static String safe(String stem) { return stem.replaceAll("[^\\p{L}\\p{N}._-]", "_"); }

    /** Moves the finished folder onto {@code dest}; an old folder (force) is renamed away first and deleted after. */
    private static void replace(Path tmp, Path dest) throws IOException {
        if (!Files.exists(dest)) {
            AtomicFiles.move(tmp, dest);
            return;
        }
        Path old = Files.createTempDirectory(dest.getParent(), "." + dest.getFileName() + ".old-");
        Files.delete(old);
        Files.move(dest, old);
        try {
            AtomicFiles.move(tmp, dest);
        } catch (IOException e) {
            Files.move(old, dest);   // put the previous export back
            throw e;
        }
        deleteQuietly(old);
    }

    private static void deleteQuietly(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(Exporter.class).warn("could not remove {}: {}", p, e.getMessage());
        }
    }
}
