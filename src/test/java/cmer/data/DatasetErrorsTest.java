package cmer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.CmerException;
import cmer.core.FootprintReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad-input case of issue 3: an error naming file and line, or a counted warning. */
class DatasetErrorsTest {
    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private CmerException fails(Path p) {
        return assertThrows(CmerException.class, () -> Datasets.open(p, FootprintReader.NONE));
    }

    private static void assertMentions(CmerException e, String... parts) {
        for (String s : parts) assertTrue(e.getMessage().contains(s), "'" + s + "' not in: " + e.getMessage());
    }

    @Test
    void captionCountNotMatchingFileNames() throws IOException {
        write("train_filename.txt", "a_1.tif\nb_2.tif\n");
        write("train_caps.txt", "one\ntwo\nthree\n");
        assertMentions(fails(dir), "train_caps.txt", "3 caption lines", "train_filename.txt", "2 names", "line 3");
    }

    @Test
    void amfmnDuplicateImage() throws IOException {
        write("test_filename.txt", "a_1.tif\na_1.tif\nb_2.tif\na_1.tif\n");
        write("test_caps.txt", "x\ny\nz\nw\n");
        assertMentions(fails(dir), "test_filename.txt:4", "'a_1.tif' appears twice", "test_filename.txt:1");
    }

    @Test
    void pathEscapesAreRefused() throws IOException {
        write("train_filename.txt", "ok_1.tif\n../../etc/passwd\n");
        write("train_caps.txt", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
        assertMentions(fails(dir), "train_filename.txt:2", "escapes the dataset folder");
        write("train_filename.txt", "/etc/passwd\nok_1.tif\n");
        assertMentions(fails(dir), "train_filename.txt:1", "absolute image path");
        write("train_filename.txt", "C:\\\\x\\\\y.tif\nok_1.tif\n");
        assertMentions(fails(dir), "train_filename.txt:1", "absolute image path");
        write("train_filename.txt", "sub/../ok_1.tif\nsub/../../x.tif\n");
        assertMentions(fails(dir), "train_filename.txt:2", "escapes");
    }

    @Test
    void malformedJsonNamesTheLine() throws IOException {
        Path f = write("data_train.json", "[\n {\"image\": \"a_1.tif\", \"caption\": [\"x\"]},\n {\"image\": \"b_1.tif\" \"caption\": []}\n]\n");
        assertMentions(fails(f), "data_train.json:3", "malformed JSON");
        Path k = write("dataset.json", "{\"images\": [\n{\"filename\": \"a.jpg\", \"split\": \"train\", \"sentences\": [}\n]}");
        assertMentions(fails(k), "dataset.json:2", "malformed JSON");
    }

    @Test
    void jsonDuplicateImageIds() throws IOException {
        Path h = write("x_test.json", "[\n{\"image\": \"test/a_1.tif\", \"caption\": [\"x\"]},\n{\"image\": \"test/a_1.tif\", \"caption\": [\"y\"]}\n]");
        assertMentions(fails(h), "x_test.json:3", "appears twice", "line 2");
        Path k = write("dataset_k.json", "{\"images\": [\n{\"filename\": \"a_1.jpg\", \"split\": \"train\", \"sentences\": [{\"raw\": \"x\"}]},\n"
                + "{\"filename\": \"a_1.jpg\", \"split\": \"test\", \"sentences\": [{\"raw\": \"y\"}]}\n]}");
        assertMentions(fails(k), "dataset_k.json:3", "appears twice", "dataset_k.json:2");
        Path c = write("captions_val.json", "{\"images\": [\n{\"id\": 1, \"file_name\": \"a.jpg\"},\n{\"id\": 1, \"file_name\": \"b.jpg\"}\n],"
                + " \"annotations\": []}");
        assertMentions(fails(c), "captions_val.json:3", "image id 1 appears twice");
    }

    @Test
    void jsonEscapesAndMissingFields() throws IOException {
        Path k = write("dataset.json", "{\"images\": [\n{\"filename\": \"../a.jpg\", \"split\": \"train\", \"sentences\": []}\n]}");
        assertMentions(fails(k), "dataset.json:2", "escapes");
        Path n = write("dataset.json", "{\"images\": [\n{\"split\": \"train\", \"sentences\": []}\n]}");
        assertMentions(fails(n), "dataset.json:2", "'filename'");
        Path c = write("captions.json", "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\"}],\n\"annotations\": [\n{\"image_id\": 2, \"caption\": \"x\"}]}");
        assertMentions(fails(c), "captions.json:3", "image_id 2");
    }

    @Test
    void blankCaptionsAndMissingOrCorruptImagesAreCountedWarnings() throws IOException {
        write("imgs/a_1.png", "this is not a PNG");
        Files.write(dir.resolve("imgs/b_2.png"), TestImages.png(8, 8));
        Path k = write("dataset.json", "{\"images\": [\n"
                + "{\"filepath\": \"imgs\", \"filename\": \"a_1.png\", \"split\": \"train\", \"sentences\": [{\"raw\": \"x\"}, {\"raw\": \"  \"}]},\n"
                + "{\"filepath\": \"imgs\", \"filename\": \"b_2.png\", \"split\": \"train\", \"sentences\": [{\"raw\": \"y\"}, {\"raw\": \"z\"}]},\n"
                + "{\"filepath\": \"imgs\", \"filename\": \"gone_3.png\", \"split\": \"train\", \"sentences\": [{\"raw\": \"w\"}]}\n]}");
        Dataset d = Datasets.open(k, FootprintReader.NONE);
        assertEquals(1, d.warnings().count(DatasetWarnings.Kind.BLANK_CAPTION));
        assertEquals(1, d.warnings().count(DatasetWarnings.Kind.MISSING_IMAGE));
        assertTrue(d.warnings().examples(DatasetWarnings.Kind.MISSING_IMAGE).get(0).startsWith("dataset.json:4"));
        List<CaptionPair> pairs = d.pairs(Split.TRAIN);
        assertEquals(List.of("x", "y", "z"), pairs.stream().map(CaptionPair::caption).toList(), "blank and missing skipped");
        assertEquals(List.of(0, 0, 1), pairs.stream().map(CaptionPair::captionIndex).toList());
        assertTrue(ImageLoader.tryLoad(pairs.get(0).image().path(), d.warnings()).isEmpty());
        assertTrue(ImageLoader.tryLoad(pairs.get(1).image().path(), d.warnings()).isPresent());
        assertEquals(1, d.warnings().count(DatasetWarnings.Kind.CORRUPT_IMAGE));
        assertTrue(d.warnings().examples(DatasetWarnings.Kind.CORRUPT_IMAGE).get(0).contains("a_1.png"));
        DatasetReport r = DatasetReport.of(d);
        assertEquals(1, r.splits().get("train").missingImages());
        assertEquals(1, r.warnings().get("corrupt_image"));
    }

    @Test
    void unreadableGeoreferencingIsAWarning() throws IOException {
        Files.write(dir.resolve("a_1.png"), TestImages.png(4, 4));
        Dataset d = Datasets.open(dir, p -> { throw new CmerException(p + ":1: bad world file"); });
        assertEquals(1, d.images().size());
        assertEquals(1, d.warnings().count(DatasetWarnings.Kind.UNREADABLE_GEOREFERENCING));
    }

    @Test
    void notADataset() throws IOException {
        Path v = write("vocab.json", "{\"word2idx\": {}}");
        assertMentions(fails(v), "vocab.json:1", "neither 'images'");
        assertMentions(fails(dir.resolve("nope")), "no such file");
    }
}
