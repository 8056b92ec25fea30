package cmer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.FootprintReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Happy paths of each format on small hand-written files (the real copies are in RealDatasetsTest). */
class FormatsTest {
    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void cocoCaptionsWithSplitFromFileName() throws IOException {
        Path f = write("captions_test.json", "{\"info\": {}, \"images\": [{\"id\": 7, \"file_name\": \"1.tif\"}, {\"id\": 3, \"file_name\": \"agricultural04.tif\"}],\n"
                + "\"annotations\": [{\"image_id\": 3, \"id\": 1, \"caption\": \"b1\"}, {\"image_id\": 7, \"id\": 2, \"caption\": \"a1\"},"
                + " {\"image_id\": 3, \"id\": 3, \"caption\": \"b2\"}]}");
        Dataset d = Datasets.open(f, FootprintReader.NONE);
        assertEquals(DatasetFormat.COCO_JSON, d.format());
        assertEquals(List.of("1.tif", "agricultural04.tif"), d.images().stream().map(ImageRecord::id).toList());
        assertEquals(List.of("b1", "b2"), d.images().get(1).captions());
        assertEquals("agricultural", d.images().get(1).scene(), "UCM-style <class><nn> name");
        assertEquals(ImageRecord.UNKNOWN_SCENE, d.images().get(0).scene());
        assertTrue(d.images().stream().allMatch(r -> r.split() == Split.TEST));
    }

    @Test
    void karpathyKeepsSplitOrderAndLabels() throws IOException {
        write("dataset_x.json", "{\"images\": [\n"
                + "{\"filename\": \"port_1.jpg\", \"split\": \"test\", \"sentences\": [{\"raw\": \"t\"}]},\n"
                + "{\"filename\": \"a.jpg\", \"split\": \"restval\", \"label\": \"beach\", \"sentences\": [{\"raw\": \"r\"}]},\n"
                + "{\"filename\": \"river_2.jpg\", \"split\": \"val\", \"sentences\": [{\"raw\": \"v\"}, {\"raw\": \"w\"}]}\n]}");
        Dataset d = Datasets.open(dir, FootprintReader.NONE);
        assertEquals(DatasetFormat.KARPATHY_JSON, d.format());
        assertEquals(List.of("a.jpg", "river_2.jpg", "port_1.jpg"), d.images().stream().map(ImageRecord::id).toList(), "train, val, test");
        assertEquals("beach", d.images().get(0).scene());
        assertEquals("port", d.images().get(2).scene());
    }

    @Test
    void harmaPerCaptionEntriesGroupByImage() throws IOException {
        write("x_train.json", "[{\"caption\": \"c1\", \"image\": \"train/a_1.tif\", \"image_id\": 0, \"label_name\": \"pond\", \"label\": 4},\n"
                + "{\"caption\": \"d1\", \"image\": \"train/b_2.tif\", \"image_id\": 1, \"label_name\": \"park\", \"label\": 5},\n"
                + "{\"caption\": \"c2\", \"image\": \"train/a_1.tif\", \"image_id\": 0, \"label_name\": \"pond\", \"label\": 4}]");
        write("x_test.json", "[{\"image\": \"test/c_3.tif\", \"caption\": [\"e1\", \"e2\"]}]");
        Dataset d = Datasets.open(dir, FootprintReader.NONE);
        assertEquals(DatasetFormat.HARMA_JSON, d.format());
        assertEquals(List.of("c1", "c2"), d.image("train/a_1.tif").orElseThrow().captions());
        assertEquals("pond", d.image("train/a_1.tif").orElseThrow().scene());
        assertEquals("c", d.image("test/c_3.tif").orElseThrow().scene());
        assertEquals(Split.TEST, d.image("test/c_3.tif").orElseThrow().split());
    }

    @Test
    void imageFolderRecursiveWithSplitFolders() throws IOException {
        Files.createDirectories(dir.resolve("val/sub"));
        Files.write(dir.resolve("val/sub/forest_1.png"), TestImages.png(4, 4));
        Files.write(dir.resolve("z_9.jpg"), TestImages.png(4, 4));
        write("notes.txt", "not an image");
        Dataset d = Datasets.open(dir, FootprintReader.NONE);
        assertEquals(DatasetFormat.IMAGE_FOLDER, d.format());
        assertEquals(List.of("val/sub/forest_1.png", "z_9.jpg"), d.images().stream().map(ImageRecord::id).toList());
        assertEquals(Split.VAL, d.images().get(0).split());
        assertEquals(Split.TEST, d.images().get(1).split());
        assertEquals("forest", d.images().get(0).scene());
    }

    @Test
    void amfmnOneNamePerCaptionAndProtocolOrder() throws IOException {
        write("test_filename.txt", "b_1.tif\nb_1.tif\na_2.tif\na_2.tif\n");
        write("test_caps.txt", "b one\nb two\na one\n\n");
        Dataset d = Datasets.open(dir.resolve("test_caps.txt"), FootprintReader.NONE);
        assertEquals(List.of("b_1.tif", "a_2.tif"), d.images().stream().map(ImageRecord::id).toList());
        assertEquals(List.of("a one", ""), d.images().get(1).captions());
        assertEquals(1, d.warnings().count(DatasetWarnings.Kind.BLANK_CAPTION));
        assertTrue(d.warnings().examples(DatasetWarnings.Kind.BLANK_CAPTION).get(0).startsWith("test_caps.txt:4"));
    }
}
