package cmer.data;

import cmer.core.CmerException;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Decodes TIFF (uncompressed, PackBits, Deflate, LZW, JPEG-in-TIFF: the JDK's TIFF plugin), JPEG and PNG,
 * 8-bit RGB, grey or palette, any size, into {@code TYPE_INT_RGB}. Extra bands (alpha) are dropped.
 */
public final class ImageLoader {
    private ImageLoader() { }

    /** Decodes an image or throws a {@link CmerException} naming the file. */
    public static BufferedImage load(Path file) {
        if (!Files.isRegularFile(file)) throw new CmerException(file + ": image file not found", CmerException.IO, null);
        BufferedImage im;
        try {
            im = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {   // the JDK decoders throw IllegalArgumentException etc. on damaged files
            throw new CmerException(file + ": corrupt or unsupported image: " + e.getMessage(), e);
        }
        if (im == null) throw new CmerException(file + ": not a TIFF, JPEG or PNG image that can be decoded");
        return toRgb(im);
    }

    /** Decodes an image; a missing or corrupt file becomes a counted warning and an empty result. */
    public static Optional<BufferedImage> tryLoad(Path file, DatasetWarnings warnings) {
        try {
            return Optional.of(load(file));
        } catch (CmerException e) {
            warnings.add(Files.isRegularFile(file) ? DatasetWarnings.Kind.CORRUPT_IMAGE : DatasetWarnings.Kind.MISSING_IMAGE, e.getMessage());
            return Optional.empty();
        }
    }

    /** The same pixels as 8-bit RGB ({@code TYPE_INT_RGB}); returns {@code im} itself when it already is. */
    public static BufferedImage toRgb(BufferedImage im) {
        if (im.getType() == BufferedImage.TYPE_INT_RGB) return im;
        BufferedImage rgb = new BufferedImage(im.getWidth(), im.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(im, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
