package cmer.data;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Training augmentation for overhead imagery, which has no "up": random resized crop, horizontal and vertical
 * flips, and rotations by multiples of 90°. All randomness comes from the {@link SplittableRandom} passed in, so
 * a seed reproduces the same crops (a training run's random stream is part of its checkpoint).
 *
 * @param minScale smallest crop area as a fraction of the image (CLIP fine-tuning commonly uses 0.5–0.9)
 * @param maxRatio crops have aspect ratio in [1/maxRatio, maxRatio]
 * @param flips    random horizontal and vertical flips, each with probability ½
 * @param rotate90 random rotation by 0, 90, 180 or 270°
 */
public record Augmentation(double minScale, double maxRatio, boolean flips, boolean rotate90) {
    /** Defaults for fine-tuning on RS captions: crops of 50–100 % area, ratio 3:4–4:3, flips and rotations. */
    public static final Augmentation DEFAULT = new Augmentation(0.5, 4.0 / 3.0, true, true);
    /** No augmentation (evaluation): the same as {@link ModelInput#centerCrop}. */
    public static final Augmentation NONE = new Augmentation(1.0, 1.0, false, false);

    public Augmentation {
        if (!(minScale > 0 && minScale <= 1)) throw new IllegalArgumentException("minScale must be in (0, 1]: " + minScale);
        if (!(maxRatio >= 1)) throw new IllegalArgumentException("maxRatio must be >= 1: " + maxRatio);
    }

    /** One augmented size×size view of {@code image}. */
    public BufferedImage apply(BufferedImage image, int size, SplittableRandom rnd) {
        BufferedImage rgb = ImageLoader.toRgb(image);
        BufferedImage out = minScale >= 1 && maxRatio <= 1 ? ModelInput.centerCrop(rgb, size)
                : ModelInput.resize(randomCrop(rgb, rnd), size, size);
        boolean h = flips && rnd.nextBoolean(), v = flips && rnd.nextBoolean();
        int quarter = rotate90 ? rnd.nextInt(4) : 0;
        return transform(out, h, v, quarter);
    }

    /** Augmented view straight to the model input, {@code float[3 * size * size]} (C, H, W). */
    public float[] modelInput(BufferedImage image, int size, SplittableRandom rnd) { return ModelInput.normalize(apply(image, size, rnd)); }

    /** torchvision's RandomResizedCrop: 10 tries at a random area and log-uniform ratio, else the central square. */
    private BufferedImage randomCrop(BufferedImage im, SplittableRandom rnd) {
        int w = im.getWidth(), h = im.getHeight();
        double area = (double) w * h, logR = Math.log(maxRatio);
        for (int i = 0; i < 10; i++) {
            double a = area * (minScale + (1 - minScale) * rnd.nextDouble());
            double ratio = Math.exp(-logR + 2 * logR * rnd.nextDouble());
            int cw = (int) Math.round(Math.sqrt(a * ratio)), ch = (int) Math.round(Math.sqrt(a / ratio));
            if (cw > 0 && ch > 0 && cw <= w && ch <= h) {
                int x = rnd.nextInt(w - cw + 1), y = rnd.nextInt(h - ch + 1);
                return im.getSubimage(x, y, cw, ch);
            }
        }
        int s = Math.min(w, h);
        return im.getSubimage((w - s) / 2, (h - s) / 2, s, s);
    }

    /** Flip then rotate clockwise by {@code quarter}·90°; square images keep their size. */
    static BufferedImage transform(BufferedImage im, boolean flipH, boolean flipV, int quarter) {
        int w = im.getWidth(), h = im.getHeight();
        int[] src = im.getRGB(0, 0, w, h, null, 0, w);
        int ow = quarter % 2 == 0 ? w : h, oh = quarter % 2 == 0 ? h : w;
        int[] dst = new int[src.length];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int fx = flipH ? w - 1 - x : x, fy = flipV ? h - 1 - y : y;
                int nx, ny;
                switch (quarter) {
                    case 1 -> { nx = h - 1 - fy; ny = fx; }          // 90° clockwise
                    case 2 -> { nx = w - 1 - fx; ny = h - 1 - fy; }
                    case 3 -> { nx = fy; ny = w - 1 - fx; }
                    default -> { nx = fx; ny = fy; }
                }
                dst[ny * ow + nx] = src[y * w + x];
            }
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, ow, oh, dst, 0, ow);
        return out;
    }
}
