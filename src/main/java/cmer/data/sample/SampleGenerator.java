package cmer.data.sample;

import cmer.core.AtomicFiles;
import cmer.core.CmerException;
import cmer.data.TargetBox;
import cmer.data.TargetBoxes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes the sample dataset: {@code images/<scene>_<nnnn>.jpg} with {@code .jgw} + {@code .prj} sidecars (UTM
 * zones 32N/33N and WGS84 over the Venice lagoon hinterland; every 10th image without georeferencing),
 * {@code dataset.json} (Karpathy JSON) and {@code targets.json} (ground-truth boxes). Deterministic: same spec,
 * same bytes (JPEG written without metadata; JSON in insertion order, one image per line).
 */
public final class SampleGenerator {
    public static final String DATASET = "dataset.json", IMAGES = "images";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The area the tiles are spread over: lon 11.3..12.8 E crosses the UTM 32/33 boundary at 12 E. */
    private static final double LON0 = 11.3, LON1 = 12.8, LAT0 = 45.15, LAT1 = 45.7;

    /** What was written. */
    public record Summary(int images, int targets, int georeferenced, long jpegBytes) { }

    private SampleGenerator() { }

    /**
     * Generates the dataset into {@code out} (created if needed; other files there are left alone).
     *
     * @param count generate only the first {@code count} images (the JSON files then list only those; entry i of
     *              either file depends on image i alone): lets a test regenerate a prefix quickly
     */
    public static Summary generate(SampleSpec spec, Path out, int count) {
        try {
            StringBuilder dataset = new StringBuilder("{\"dataset\": \"cmer-sample\", \"seed\": " + spec.seed() + ", \"images\": [\n");
            StringBuilder targets = new StringBuilder("{\"boxes_are\": \"pixels of the image: x, y = top-left corner, w, h; x right, y down\","
                    + " \"images\": [\n");
            int nTargets = 0, geo = 0;
            long bytes = 0;
            int n = Math.min(count, spec.total());
            for (int i = 0; i < n; i++) {
                SampleImage im = SampleImage.paint(spec.seed(), i, spec.size());
                String file = String.format(Locale.ROOT, "%s_%04d.jpg", im.scene(), i);
                dataset.append(i == 0 ? "" : ",\n").append(JSON.writeValueAsString(entry(spec, im, file)));
                targets.append(i == 0 ? "" : ",\n").append(JSON.writeValueAsString(boxes(file, im.targets())));
                nTargets += im.targets().size();
                Sidecar sc = sidecar(spec, i);
                if (sc != null) geo++;
                byte[] jpg = jpeg(im);
                AtomicFiles.write(out.resolve(IMAGES).resolve(file), o -> o.write(jpg));
                bytes += jpg.length;
                if (sc != null) {
                    AtomicFiles.writeString(out.resolve(IMAGES).resolve(file.replace(".jpg", ".jgw")), sc.worldFile());
                    AtomicFiles.writeString(out.resolve(IMAGES).resolve(file.replace(".jpg", ".prj")), sc.prj());
                }
            }
            dataset.append("\n]}\n");
            targets.append("\n]}\n");
            AtomicFiles.writeString(out.resolve(DATASET), dataset.toString());
            AtomicFiles.writeString(out.resolve(TargetBoxes.FILE), targets.toString());
            AtomicFiles.writeString(out.resolve("README.md"), readme(spec));
            return new Summary(n, nTargets, geo, bytes);
        } catch (IOException e) {
            throw new CmerException(out + ": cannot write the sample dataset: " + e.getMessage(), CmerException.IO, e);
        }
    }

    private static String readme(SampleSpec spec) {
        return String.join("\n",
                "# CMER Studio sample dataset (synthetic, generated)",
                "",
                "Made by `cmer sample generate --out sample-data --seed " + spec.seed() + "` (" + spec.train() + " train / " + spec.val() + " val / "
                        + spec.test() + " test images, " + spec.size() + " px); the same command rewrites these files byte for byte.",
                "No real imagery: top-down scenes drawn with java.awt, free to ship.",
                "",
                "- `dataset.json`: Karpathy JSON (`images[].filepath/filename/split/label/sentences[].raw`), 5 captions per image.",
                "- `targets.json`: ground-truth boxes of the small targets (planes, ships, cars, storage tanks) in image pixels,",
                "  keyed by the image id `images/<file>` (read with `cmer.data.TargetBoxes.read`).",
                "- `images/<scene>_<nnnn>.jpg` with `.jgw` world file + `.prj` WKT: WGS 84 / UTM 32N or 33N (1 m pixels) or",
                "  EPSG:4326, around 45.2-45.7 N, 11.3-12.8 E; every 10th image has no georeferencing on purpose.",
                "- `models/` (when present) is not generated here.",
                "");
    }

    private static ObjectNode entry(SampleSpec spec, SampleImage im, String file) {
        ObjectNode e = JSON.createObjectNode();
        e.put("filepath", IMAGES).put("filename", file).put("imgid", im.index()).put("split", spec.split(im.index())).put("label", im.scene());
        ArrayNode sentences = e.putArray("sentences");
        ArrayNode ids = JSON.createArrayNode();
        for (int k = 0; k < im.captions().size(); k++) {
            int sentid = im.index() * Captions.PER_IMAGE + k;
            ObjectNode s = sentences.addObject();
            s.put("raw", im.captions().get(k)).put("imgid", im.index()).put("sentid", sentid);
            ArrayNode tokens = s.putArray("tokens");
            for (String t : im.captions().get(k).toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) if (!t.isEmpty()) tokens.add(t);
            ids.add(sentid);
        }
        e.set("sentids", ids);
        return e;
    }

    private static ObjectNode boxes(String file, List<TargetBox> targets) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", IMAGES + "/" + file);
        ArrayNode a = e.putArray("targets");
        for (TargetBox t : targets) a.addObject().put("kind", t.kind()).put("colour", t.colour()).put("x", t.x()).put("y", t.y())
                .put("w", t.width()).put("h", t.height());
        return e;
    }

    /** World file and .prj of image i, or null for the images left without georeferencing (every 10th). */
    record Sidecar(String worldFile, String prj) { }

    static Sidecar sidecar(SampleSpec spec, int i) {
        if (i % 10 == 9) return null;
        SplittableRandom r = new SplittableRandom(spec.seed() * 31 + i * 0x632BE59BD9B4E019L + 7);
        double lon = LON0 + (LON1 - LON0) * r.nextDouble(), lat = LAT0 + (LAT1 - LAT0) * r.nextDouble();
        if (r.nextInt(3) == 0) {                                        // WGS84, about 1 m pixels in degrees
            double py = 1 / 111_320.0, px = py / Math.cos(Math.toRadians(lat));
            return new Sidecar(GeoSidecars.worldFileDegrees(lon, lat, px, py), GeoSidecars.wgs84Wkt());
        }
        int zone = GeoSidecars.utmZone(lon);
        double[] en = GeoSidecars.utm(lon, lat, zone);
        return new Sidecar(GeoSidecars.worldFile(Math.rint(en[0]), Math.rint(en[1]), 1.0, 1.0), GeoSidecars.utmWkt(zone));
    }

    /** Baseline JPEG, quality 0.9, 4:2:0, no metadata beyond the JFIF header: byte-stable for a given JDK. */
    static byte[] jpeg(SampleImage im) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        var bytes = new java.io.ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.9f);
            w.write(null, new IIOImage(im.image(), null, null), p);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    /** Scene class names in catalogue order. */
    public static List<String> sceneClasses() { return new ArrayList<>(SceneCatalog.names()); }
}
