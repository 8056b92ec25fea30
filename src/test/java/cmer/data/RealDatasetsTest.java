package cmer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cmer.core.FootprintReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The counts of ../shared/realdata/README.md, reproduced by each reader (caption files only: images are absent). */
class RealDatasetsTest {
    static final Path REAL = Path.of("../shared/realdata");

    static Path real(String rel) {
        Path p = REAL.resolve(rel);
        assumeTrue(Files.exists(p), "real data not present at " + p.toAbsolutePath() + " (shared test data; see COMMON.md)");
        return p;
    }

    @Test
    void rsitmdAmfmnPrecomp() {
        Dataset d = Datasets.open(real("rsitmd/amfmn_precomp"), FootprintReader.NONE);
        assertEquals(DatasetFormat.AMFMN_PRECOMP, d.format());
        assertEquals(4291, d.split(Split.TRAIN).size());
        assertEquals(452, d.split(Split.TEST).size());
        assertEquals(33, d.images().stream().map(ImageRecord::scene).distinct().count());
        assertTrue(d.images().stream().allMatch(r -> r.captions().size() == 5));
        Set<String> allBlank = d.images().stream().filter(r -> r.usableCaptions().isEmpty()).map(ImageRecord::id).collect(Collectors.toSet());
        assertEquals(Set.of("mountain_2378.tif", "railwaystation_3254.tif", "storagetanks_4367.tif", "viaduct_4635.tif"), allBlank);
        assertEquals(20, d.warnings().count(DatasetWarnings.Kind.BLANK_CAPTION));
        assertEquals(4743, d.warnings().count(DatasetWarnings.Kind.MISSING_IMAGE));
        DatasetReport r = DatasetReport.of(d);
        assertEquals(List.of("storagetanks", "pond"), r.scenes().keySet().stream().limit(2).toList());
        assertEquals(251, r.scenes().get("storagetanks"));
        assertEquals(6, r.scenes().get("plane"));
        assertEquals(15, r.scenes().get("boat"));
        assertEquals(17, r.scenes().get("intersection"));
        assertEquals(21455 - 20, r.splits().get("train").captions());
        assertEquals(10.4, r.splits().get("train").meanWords(), 1e-9, "README: mean caption length 10.4 words");
        assertEquals(35, r.splits().get("train").maxWords());
        // protocol order: the first test image is boat_0.tif with the first five test caption lines
        ImageRecord first = d.split(Split.TEST).get(0);
        assertEquals("boat_0.tif", first.id());
        assertTrue(first.captions().get(0).startsWith("Two large ships loaded with cargo were moored"), first.captions().get(0));
        // the blank-caption warning names the caption file and line
        assertTrue(d.warnings().examples(DatasetWarnings.Kind.BLANK_CAPTION).get(0).matches("train_caps\\.txt:\\d+: blank caption of mountain_2378\\.tif"),
                d.warnings().examples(DatasetWarnings.Kind.BLANK_CAPTION).toString());
    }

    @Test
    void rsitmdHarmaJson() {
        Dataset d = Datasets.open(real("rsitmd/harma_json"), FootprintReader.NONE);
        assertEquals(DatasetFormat.HARMA_JSON, d.format());
        assertEquals(3435, d.split(Split.TRAIN).size());
        assertEquals(856, d.split(Split.VAL).size());
        assertEquals(452, d.split(Split.TEST).size());
        assertEquals(33, d.images().stream().map(ImageRecord::scene).distinct().count());
        assertEquals(0, d.warnings().count(DatasetWarnings.Kind.BLANK_CAPTION));
        assertTrue(d.images().stream().allMatch(r -> r.captions().size() == 5));
        ImageRecord b = d.image("train/bridge_942.tif").orElseThrow();
        assertEquals("bridge", b.scene());
        assertEquals(0, d.pairs(Split.TRAIN).size(), "pairs skip images whose file is missing");
    }

    @Test
    void harmaSingleFileAndSameImagesAsAmfmn() {
        Dataset val = Datasets.open(real("rsitmd/harma_json/rsitmd_val.json"), FootprintReader.NONE);
        assertEquals(856, val.images().size());
        assertEquals(856, val.split(Split.VAL).size());
        Dataset amfmn = Datasets.open(real("rsitmd/amfmn_precomp"), FootprintReader.NONE);
        Set<String> harmaNames = Datasets.open(real("rsitmd/harma_json"), FootprintReader.NONE).images().stream()
                .map(r -> r.id().substring(r.id().indexOf('/') + 1)).collect(Collectors.toSet());
        assertEquals(amfmn.images().stream().map(ImageRecord::id).collect(Collectors.toSet()), harmaNames);
    }

    @Test
    void rsicdAmfmnPrecomp() {
        Dataset d = Datasets.open(real("rsicd/amfmn_precomp"), FootprintReader.NONE);
        assertEquals(9828, d.split(Split.TRAIN).size());
        assertEquals(1093, d.split(Split.TEST).size());
        DatasetReport r = DatasetReport.of(d);
        assertEquals(921, r.scenes().get(ImageRecord.UNKNOWN_SCENE));
        assertEquals(31, r.scenesCount(), "30 class prefixes plus 'unknown'");
        assertEquals(49140, r.splits().get("train").captions());
        assertEquals(15097, r.splits().get("train").uniqueCaptions());
        assertEquals(49140 - 15097, r.splits().get("train").duplicateCaptions());
        assertEquals(11.4, r.splits().get("train").meanWords(), 1e-9, "README: mean caption length 11.4 words");
        assertEquals(35, r.splits().get("train").maxWords());
        assertTrue(r.text().contains("unknown"), r.text());
    }

    @Test
    void plainImageFoldersReadRecursively() {
        Dataset d = Datasets.open(real("images"), FootprintReader.NONE);
        assertEquals(DatasetFormat.IMAGE_FOLDER, d.format());
        assertEquals(12, d.images().size(), "12 .jpg/.png/.tif files; captions.json and README.md are not images");
        assertEquals(0, d.warnings().count(DatasetWarnings.Kind.MISSING_IMAGE));
        assertEquals(Split.TEST, d.images().get(0).split(), "an archive without split folders is a search gallery");
        assertTrue(d.images().stream().allMatch(r -> r.captions().isEmpty()));
    }
}
