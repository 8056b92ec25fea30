package cmer.geo.export;

import cmer.core.CmerException;
import java.util.Locale;
import java.util.OptionalInt;
import org.apache.sis.io.wkt.Convention;
import org.apache.sis.io.wkt.WKTFormat;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.CommonCRS;
import org.apache.sis.referencing.IdentifiedObjects;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.AxesConvention;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.util.FactoryException;

/** CRS helpers on Apache SIS for the writers: parse a footprint's CRS, find its EPSG code, format WKT1. */
final class Crs {
    static final String WGS84 = "EPSG:4326";

    private Crs() { }

    /**
     * The CRS of a footprint's {@code crs} text (authority code or WKT), with longitude/x first as in GDAL
     * geotransforms (SIS keeps EPSG's latitude-first order for EPSG:4326 otherwise).
     */
    static CoordinateReferenceSystem parse(String code) {
        return AbstractCRS.castOrCopy(authority(code)).forConvention(AxesConvention.DISPLAY_ORIENTED);
    }

    /**
     * The CRS exactly as its authority defines it (EPSG:4326 latitude first): what files should name, so
     * readers recognise the EPSG code (a lon/lat-normalised copy is identified as OGC CRS:84 instead).
     */
    static CoordinateReferenceSystem authority(String code) {
        try {
            String c = code.strip();
            return looksLikeCode(c) ? CRS.forCode(c) : CRS.fromWKT(c);
        } catch (FactoryException | RuntimeException e) {
            throw new CmerException("unknown or unsupported CRS '" + abbreviate(code) + "': " + e.getMessage(), e);
        }
    }

    static CoordinateReferenceSystem wgs84() { return CommonCRS.WGS84.normalizedGeographic(); }

    /** The EPSG code: read from "EPSG:n" directly, else looked up by SIS; empty when there is none. */
    static OptionalInt epsg(String code) {
        String c = code.strip().toUpperCase(Locale.ROOT);
        if (c.startsWith("EPSG:")) {
            try { return OptionalInt.of(Integer.parseInt(c.substring(5).strip())); } catch (NumberFormatException e) { /* fall through */ }
        }
        try {
            Integer found = IdentifiedObjects.lookupEPSG(parse(code));
            return found == null ? OptionalInt.empty() : OptionalInt.of(found);
        } catch (FactoryException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * WKT 1 the way ESRI .prj files and GDAL's shapefile driver expect it: one line, units of the
     * "common" (ESRI/GDAL) flavour, no AXIS elements (shapefile coordinates are always x/longitude first).
     * {@code gdalsrsinfo -e} identifies the result as the EPSG code (checked in the tests).
     */
    static String wkt1Esri(CoordinateReferenceSystem crs) { return format(crs, Convention.WKT1_IGNORE_AXES); }

    /** OGC WKT 1 (the GeoPackage {@code definition} column). */
    static String wkt1(CoordinateReferenceSystem crs) { return format(crs, Convention.WKT1); }

    static boolean isGeographic(CoordinateReferenceSystem crs) { return crs instanceof GeographicCRS; }

    private static String format(CoordinateReferenceSystem crs, Convention convention) {
        WKTFormat f = new WKTFormat(Locale.ROOT, (java.time.ZoneId) null);
        f.setConvention(convention);
        f.setIndentation(WKTFormat.SINGLE_LINE);
        return f.format(crs);
    }

    private static boolean looksLikeCode(String c) {
        String u = c.toUpperCase(Locale.ROOT);
        return u.startsWith("EPSG:") || u.startsWith("CRS:") || u.startsWith("URN:") || u.startsWith("HTTP");
    }

    private static String abbreviate(String s) { return s.length() > 80 ? s.substring(0, 77) + "..." : s; }
}
