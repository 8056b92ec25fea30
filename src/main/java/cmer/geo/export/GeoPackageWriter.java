package cmer.geo.export;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import mil.nga.geopackage.BoundingBox;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.attributes.AttributesColumn;
import mil.nga.geopackage.attributes.AttributesDao;
import mil.nga.geopackage.attributes.AttributesRow;
import mil.nga.geopackage.attributes.AttributesTableMetadata;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.geopackage.srs.SpatialReferenceSystemDao;
import mil.nga.sf.GeometryType;
import mil.nga.sf.LineString;
import mil.nga.sf.Point;
import mil.nga.sf.Polygon;
import org.locationtech.jts.geom.Coordinate;

/**
 * GeoPackage (NGA geopackage-java, MIT): feature table {@code results} (footprint polygons with rank,
 * score, scene, file, query, caption: full-length texts) and attribute table {@code query} (text, time,
 * model, top-k, filters, result count). The SRS is registered with its WKT1 definition; the file is stamped
 * {@code user_version = 10300} (GeoPackage 1.3) so GDAL 3.6 opens it without a version warning.
 */
final class GeoPackageWriter {
    static final String FEATURES = "results", QUERY = "query", GEOMETRY = "geom";

    /** One feature: its closed outer ring (made counter-clockwise, the OGC Simple Features convention) and attributes. */
    record Feature(Coordinate[] ring, int rank, double score, String scene, String file, String caption) { }

    /** The SRS to register: {@code srsId} = EPSG code when known. */
    record Srs(long srsId, String organization, long orgCode, String name, String wkt1) { }

    private GeoPackageWriter() { }

    static void write(Path file, ResultExport result, Srs srs, List<Feature> features) throws IOException {
        GeoPackageManager.create(file.toFile());
        try (GeoPackage gp = GeoPackageManager.open(file.toFile())) {
            registerSrs(gp, srs);
            List<Coordinate[]> rings = features.stream().map(f -> Rings.ccw(f.ring())).toList();
            double[] b = Rings.bounds(rings);
            GeometryColumns gc = new GeometryColumns();
            gc.setTableName(FEATURES);
            gc.setColumnName(GEOMETRY);
            gc.setGeometryType(GeometryType.POLYGON);
            gc.setZ((byte) 0);
            gc.setM((byte) 0);
            gc.setSrsId(srs.srsId());
            List<FeatureColumn> cols = List.of(
                    FeatureColumn.createColumn("rank", GeoPackageDataType.INTEGER),
                    FeatureColumn.createColumn("score", GeoPackageDataType.DOUBLE),
                    FeatureColumn.createColumn("scene", GeoPackageDataType.TEXT),
                    FeatureColumn.createColumn("file", GeoPackageDataType.TEXT),
                    FeatureColumn.createColumn("query", GeoPackageDataType.TEXT),
                    FeatureColumn.createColumn("caption", GeoPackageDataType.TEXT));
            gp.createFeatureTable(FeatureTableMetadata.create(gc, cols, new BoundingBox(b[0], b[1], b[2], b[3])));
            FeatureDao dao = gp.getFeatureDao(FEATURES);
            for (int i = 0; i < features.size(); i++) {
                Feature f = features.get(i);
                FeatureRow row = dao.newRow();
                row.setGeometry(GeoPackageGeometryData.createAndBuildEnvelope(polygon(rings.get(i))));
                row.getGeometry().setSrsId((int) srs.srsId());
                row.setValue("rank", (long) f.rank());
                row.setValue("score", f.score());
                row.setValue("scene", f.scene());
                row.setValue("file", f.file());
                row.setValue("query", result.query());
                row.setValue("caption", f.caption());
                dao.create(row);
            }
            gp.createAttributesTable(AttributesTableMetadata.create(QUERY, List.of(
                    AttributesColumn.createColumn("text", GeoPackageDataType.TEXT),
                    AttributesColumn.createColumn("time", GeoPackageDataType.DATETIME),
                    AttributesColumn.createColumn("model", GeoPackageDataType.TEXT),
                    AttributesColumn.createColumn("top_k", GeoPackageDataType.INTEGER),
                    AttributesColumn.createColumn("filters", GeoPackageDataType.TEXT),
                    AttributesColumn.createColumn("results", GeoPackageDataType.INTEGER))));
            AttributesDao q = gp.getAttributesDao(QUERY);
            AttributesRow row = q.newRow();
            row.setValue("text", result.query());
            // GeoPackage DATETIME: ISO 8601 in UTC with milliseconds (GDAL warns about any other spelling)
            row.setValue("time", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(result.when()));
            row.setValue("model", result.model());
            row.setValue("top_k", (long) result.topK());
            row.setValue("filters", result.filters());
            row.setValue("results", (long) result.items().size());
            q.create(row);
            gp.execSQL("PRAGMA user_version = 10300");
        } catch (SQLException | RuntimeException e) {
            throw new IOException("GeoPackage " + file + ": " + e.getMessage(), e);
        }
    }

    private static void registerSrs(GeoPackage gp, Srs srs) throws SQLException {
        SpatialReferenceSystemDao dao = gp.getSpatialReferenceSystemDao();
        if (dao.queryForId(srs.srsId()) != null) return;   // 4326 is there from the start
        SpatialReferenceSystem s = new SpatialReferenceSystem();
        s.setSrsId(srs.srsId());
        s.setSrsName(srs.name());
        s.setOrganization(srs.organization());
        s.setOrganizationCoordsysId(srs.orgCode());
        s.setDefinition(srs.wkt1());
        s.setDescription(srs.name());
        dao.create(s);
    }

    private static Polygon polygon(Coordinate[] ring) {
        LineString ls = new LineString();
        for (Coordinate c : ring) ls.addPoint(new Point(c.x, c.y));
        Polygon p = new Polygon();
        p.addRing(ls);
        return p;
    }
}
