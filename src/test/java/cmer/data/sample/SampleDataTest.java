package cmer.data.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.Footprint;
import cmer.data.Dataset;
import cmer.data.DatasetFormat;
import cmer.data.Datasets;
import cmer.data.ImageRecord;
import cmer.data.Split;
import cmer.data.TargetBox;
import cmer.data.TargetBoxes;
import cmer.geo.GeoReferencing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed sample-data/: what it holds, that captions tell the truth about the targets, and that it regenerates. */
class SampleDataTest {
    static final Path SAMPLE = Path.of("sample-data");
    static Dataset dataset;
    static Map<String, List<TargetBox>> boxes;

    @BeforeAll
    static void read() {
        dataset = Datasets.open(SAMPLE, new GeoReferencing());
        boxes = TargetBoxes.read(SAMPLE.resolve(TargetBoxes.FILE));
    }

    @Test
    void splitsScenesCaptionsAndNoWarnings() {
        assertEquals(DatasetFormat.KARPATHY_JSON, dataset.format());
        assertEquals(600, dataset.split(Split.TRAIN).size());
        assertEquals(100, dataset.split(Split.VAL).size());
        assertEquals(150, dataset.split(Split.TEST).size());
        Set<String> scenes = dataset.images().stream().map(ImageRecord::scene).collect(Collectors.toSet());
        assertEquals(Set.copyOf(SampleGenerator.sceneClasses()), scenes);
        assertTrue(scenes.size() >= 16);
        for (Split s : Split.values())
            assertEquals(scenes, dataset.split(s).stream().map(ImageRecord::scene).collect(Collectors.toSet()), "every class in " + s);
        for (ImageRecord r : dataset.images()) {
            assertEquals(5, r.captions().size(), r.id());
            assertEquals(5, Set.copyOf(r.captions()).size(), "5 different captions for " + r.id() + ": " + r.captions());
        }
        assertEquals(0, dataset.warnings().total(), dataset.warnings().counts().toString());
        assertEquals(3000, dataset.pairs(Split.TRAIN).size());
    }

    @Test
    void captionsAreVariedNotATemplatePerClass() {
        List<String> caps = dataset.images().stream().flatMap(r -> r.captions().stream()).toList();
        Map<String, Long> uses = caps.stream().collect(Collectors.groupingBy(c -> c, Collectors.counting()));
        assertTrue(uses.size() > 0.5 * caps.size(), uses.size() + " unique of " + caps.size() + " (RSICD: 31 %)");
        long withOwn = dataset.images().stream().filter(r -> r.captions().stream().anyMatch(c -> uses.get(c) == 1)).count();
        assertTrue(withOwn > 0.95 * dataset.images().size(), withOwn + " images have a caption no other image has");
        Set<String> firstWords = caps.stream().map(c -> c.split(" ")[0].toLowerCase()).collect(Collectors.toSet());
        assertTrue(firstWords.size() > 40, "sentence openings: " + firstWords.size());
    }

    @Test
    void georeferencingMixesUtmZonesAndWgs84OverOneArea() {
        Map<String, Integer> crs = new TreeMap<>();
        for (ImageRecord r : dataset.images()) {
            int idx = Integer.parseInt(r.id().replaceAll(".*_(\\d+)\\.jpg", "$1"));
            assertEquals(idx % 10 != 9, r.footprint().isPresent(), r.id());
            if (r.footprint().isEmpty()) continue;
            Footprint f = r.footprint().get();
            crs.merge(f.crs(), 1, Integer::sum);
            double[] b = f.bboxLonLat();
            assertTrue(b[0] > 11.29 && b[2] < 12.81 && b[1] > 45.14 && b[3] < 45.71, r.id() + " at " + java.util.Arrays.toString(b));
            for (int k = 0; k < 4; k++) {                  // each side about 192 m long (UTM tiles are turned by grid convergence)
                double[] p = f.ringLonLat()[k], q = f.ringLonLat()[k + 1];
                double dx = (q[0] - p[0]) * 111_320 * Math.cos(Math.toRadians(p[1])), dy = (q[1] - p[1]) * 111_132;
                assertEquals(192, Math.hypot(dx, dy), 1.5, "about 1 m pixels: " + r.id() + " side " + k);
            }
        }
        assertEquals(Set.of("EPSG:32632", "EPSG:32633", "EPSG:4326"), crs.keySet(), crs.toString());
        assertEquals(765, crs.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void targetBoxesMatchImagesAndCaptionCounts() {
        assertEquals(List.copyOf(dataset.byId().keySet()), List.copyOf(boxes.keySet()));
        Map<String, Integer> kinds = new TreeMap<>();
        boxes.values().forEach(l -> l.forEach(t -> kinds.merge(t.kind(), 1, Integer::sum)));
        assertEquals(Set.of("car", "plane", "ship", "tank"), kinds.keySet());
        for (int n : kinds.values()) assertTrue(n >= 100, kinds.toString());
        Pattern counted = Pattern.compile("\\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:(?:white|red|blue|black|gray|yellow|orange) )?"
                + "(planes|airplanes|ships|boats|vessels|cars|vehicles|storage tanks|oil tanks|tanks)\\b");
        Map<String, String> kindOf = Map.of("planes", "plane", "airplanes", "plane", "ships", "ship", "boats", "ship", "vessels", "ship",
                "cars", "car", "vehicles", "car", "storage tanks", "tank", "oil tanks", "tank", "tanks", "tank");
        List<String> numbers = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve");
        int checked = 0;
        for (ImageRecord r : dataset.images()) {
            List<TargetBox> t = boxes.get(r.id());
            for (TargetBox b : t) assertTrue(b.x() >= 0 && b.y() >= 0 && b.x() + b.width() <= 192 && b.y() + b.height() <= 192, r.id() + " " + b);
            for (String cap : r.captions()) {
                Matcher m = counted.matcher(cap.toLowerCase());
                while (m.find()) {
                    String kind = kindOf.get(m.group(2));
                    assertEquals(numbers.indexOf(m.group(1)), t.stream().filter(b -> b.kind().equals(kind)).count(), r.id() + ": " + cap);
                    checked++;
                }
            }
        }
        assertTrue(checked > 300, "captions with counted targets: " + checked);
    }

    @Test
    void utmProjectionAgreesWithApacheSis() throws Exception {
        var wgs = org.apache.sis.referencing.CommonCRS.WGS84.normalizedGeographic();
        for (double[] p : new double[][] {{11.3, 45.15}, {11.99, 45.7}, {12.01, 45.4}, {12.8, 45.2}}) {
            int zone = GeoSidecars.utmZone(p[0]);
            var utm = org.apache.sis.referencing.CommonCRS.WGS84.universal(p[1], p[0]);
            double[] sis = new double[2];
            org.apache.sis.referencing.CRS.findOperation(wgs, utm, null).getMathTransform().transform(p, 0, sis, 0, 1);
            double[] ours = GeoSidecars.utm(p[0], p[1], zone);
            assertEquals(sis[0], ours[0], 0.01, "easting");
            assertEquals(sis[1], ours[1], 0.01, "northing");
        }
    }

    /** A prefix (2 images per class) regenerates byte-identically, JSON entries included: the fast check. */
    @Test
    void prefixRegeneratesByteIdentically(@TempDir Path tmp) throws IOException {
        int n = 36;
        SampleGenerator.generate(SampleSpec.DEFAULT, tmp, n);
        assertSameFiles(tmp, n);
        List<String> fresh = Files.readAllLines(tmp.resolve(SampleGenerator.DATASET)), committed = Files.readAllLines(SAMPLE.resolve(SampleGenerator.DATASET));
        assertEquals(committed.subList(0, n), fresh.subList(0, n));                          // header line + entries 0..n-2
        assertEquals(committed.get(n).replaceAll(",$", ""), fresh.get(n).replaceAll(",$", ""));
        List<String> freshT = Files.readAllLines(tmp.resolve(TargetBoxes.FILE)), committedT = Files.readAllLines(SAMPLE.resolve(TargetBoxes.FILE));
        assertEquals(committedT.subList(0, n), freshT.subList(0, n));
    }

    /** Every generated file of a prefix equals the committed one. */
    static void assertSameFiles(Path fresh, int images) throws IOException {
        Set<String> names = new HashSet<>();
        try (Stream<Path> s = Files.list(fresh.resolve(SampleGenerator.IMAGES))) {
            for (Path p : s.toList()) {
                names.add(p.getFileName().toString());
                assertArrayEquals(Files.readAllBytes(SAMPLE.resolve(SampleGenerator.IMAGES).resolve(p.getFileName())), Files.readAllBytes(p),
                        p.getFileName() + " differs from the committed sample-data");
            }
        }
        long jpgs = names.stream().filter(n -> n.endsWith(".jpg")).count();
        assertEquals(images, jpgs);
    }
}
