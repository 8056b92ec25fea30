package cmer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cmer.core.CmerException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImagesTest {
    @TempDir Path dir;

    private static int[] pixels(BufferedImage im) { return im.getRGB(0, 0, im.getWidth(), im.getHeight(), null, 0, im.getWidth()); }

    private Path writeTiff(BufferedImage im, String compression) throws IOException {
        Path p = dir.resolve(compression + ".tif");
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(p.toFile())) {
            w.setOutput(out);
            ImageWriteParam param = w.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
            w.write(null, new IIOImage(im, null, null), param);
        } finally {
            w.dispose();
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"PackBits", "Deflate", "LZW"})
    void decodesCompressedTiffLosslessly(String compression) throws IOException {
        BufferedImage src = TestImages.gradient(67, 41);
        BufferedImage back = ImageLoader.load(writeTiff(src, compression));
        assertEquals(BufferedImage.TYPE_INT_RGB, back.getType());
        assertArrayEquals(pixels(src), pixels(back));
    }

    @Test
    void decodesGreyPngAndJpeg() throws IOException {
        BufferedImage grey = new BufferedImage(30, 20, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 4, 0, 200);
        Path png = dir.resolve("g.png");
        ImageIO.write(grey, "png", png.toFile());
        BufferedImage g = ImageLoader.load(png);
        assertEquals(0xC8C8C8, g.getRGB(3, 4) & 0xFFFFFF);
        assertEquals(0, g.getRGB(0, 0) & 0xFFFFFF);
        Path jpg = dir.resolve("c.jpg");
        ImageIO.write(TestImages.gradient(50, 40), "jpg", jpg.toFile());
        BufferedImage j = ImageLoader.load(jpg);
        assertEquals(50, j.getWidth());
        int r = j.getRGB(49, 0) >> 16 & 255;
        assertTrue(r > 230, "lossy but close: red at right edge " + r);
    }

    @Test
    void realGeoTiffAndGdalCompressionsDecodeToTheSamePixels() throws Exception {
        Path tif = Path.of("../shared/realdata/geotiff/RGB.byte.tif");
        assumeTrue(Files.isRegularFile(tif), "real data not present at " + tif.toAbsolutePath());
        BufferedImage ref = ImageLoader.load(tif);
        assertEquals(791, ref.getWidth());
        assertEquals(718, ref.getHeight());
        assumeTrue(GdalOracle.available(), "gdal_translate not installed (apt-get install gdal-bin): GDAL-written TIFFs not checked");
        for (String c : new String[] {"LZW", "DEFLATE", "PACKBITS"}) {
            Path out = dir.resolve("gdal-" + c + ".tif");
            GdalOracle.run("gdal_translate", "-q", "-co", "COMPRESS=" + c, tif.toString(), out.toString());
            assertArrayEquals(pixels(ref), pixels(ImageLoader.load(out)), c);
        }
    }

    @Test
    void corruptAndMissingFilesAreErrorsNamingTheFile() throws IOException {
        Path bad = dir.resolve("bad.tif");
        Files.write(bad, new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 99, 99});
        CmerException e = assertThrows(CmerException.class, () -> ImageLoader.load(bad));
        assertTrue(e.getMessage().contains("bad.tif"), e.getMessage());
        Path truncated = dir.resolve("t.png");
        byte[] png = TestImages.png(64, 64);
        Files.write(truncated, Arrays.copyOf(png, png.length / 2));
        assertTrue(assertThrows(CmerException.class, () -> ImageLoader.load(truncated)).getMessage().contains("t.png"));
        assertTrue(assertThrows(CmerException.class, () -> ImageLoader.load(dir.resolve("none.jpg"))).getMessage().contains("none.jpg"));
    }

    @Test
    void modelInputIsClipNormalisedChw() {
        BufferedImage im = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) for (int x = 0; x < 300; x++) im.setRGB(x, y, x < 150 ? 0xFF0000 : 0x0000FF);
        float[] v = ModelInput.of(im, 224);
        assertEquals(3 * 224 * 224, v.length);
        float redHigh = (1 - ModelInput.MEAN[0]) / ModelInput.STD[0], redLow = (0 - ModelInput.MEAN[0]) / ModelInput.STD[0];
        assertEquals(redHigh, v[100 * 224 + 5], 1e-5, "channel 0, left half is red");
        assertEquals(redLow, v[100 * 224 + 220], 1e-5, "channel 0, right half has no red");
        float blueHigh = (1 - ModelInput.MEAN[2]) / ModelInput.STD[2];
        assertEquals(blueHigh, v[2 * 224 * 224 + 100 * 224 + 220], 1e-5, "channel 2 plane, right half blue");
        // the 300x200 image becomes 336x224, cropped centrally: the red/blue edge stays in the middle
        assertTrue(v[100 * 224 + 110] > 0 && v[100 * 224 + 113] < 0);
    }

    @Test
    void augmentationIsReproducibleFromTheSeed() {
        BufferedImage im = TestImages.gradient(96, 80);
        float[] a = Augmentation.DEFAULT.modelInput(im, 32, new SplittableRandom(7));
        float[] b = Augmentation.DEFAULT.modelInput(im, 32, new SplittableRandom(7));
        assertArrayEquals(a, b);
        boolean differs = false;
        for (long s = 8; s < 12 && !differs; s++) differs = !Arrays.equals(a, Augmentation.DEFAULT.modelInput(im, 32, new SplittableRandom(s)));
        assertTrue(differs, "other seeds give other views");
        assertArrayEquals(ModelInput.of(im, 32), Augmentation.NONE.modelInput(im, 32, new SplittableRandom(1)));
    }

    @Test
    void flipsAndQuarterTurns() {
        BufferedImage im = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int[] v = {1, 2, 3, 4, 5, 6};                                   // row 0: 1 2 3, row 1: 4 5 6
        im.setRGB(0, 0, 3, 2, v, 0, 3);
        assertArrayEquals(new int[] {4, 1, 5, 2, 6, 3}, masked(Augmentation.transform(im, false, false, 1)));  // 90° clockwise: 2x3
        assertArrayEquals(new int[] {6, 5, 4, 3, 2, 1}, masked(Augmentation.transform(im, false, false, 2)));
        assertArrayEquals(new int[] {3, 6, 2, 5, 1, 4}, masked(Augmentation.transform(im, false, false, 3)));
        assertArrayEquals(new int[] {3, 2, 1, 6, 5, 4}, masked(Augmentation.transform(im, true, false, 0)));
        assertArrayEquals(new int[] {4, 5, 6, 1, 2, 3}, masked(Augmentation.transform(im, false, true, 0)));
        assertFalse(Arrays.equals(v, masked(Augmentation.transform(im, true, true, 0))));
    }

    private static int[] masked(BufferedImage im) { return Arrays.stream(pixels(im)).map(p -> p & 0xFFFFFF).toArray(); }
}
