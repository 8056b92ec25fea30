package cmer.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The image tower's input as CLIP prepares it: resize the shorter side to N (bicubic), centre-crop N×N, scale
 * to [0, 1] and normalise per channel with CLIP's mean/std, laid out channel-first.
 */
public final class ModelInput {
    /** CLIP's per-channel mean and standard deviation (RGB), open_clip's OPENAI_DATASET_MEAN/STD. */
    public static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    public static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private ModelInput() { }

    /** Resize + centre crop + normalise: {@code float[3 * size * size]}, layout (C, H, W). */
    public static float[] of(BufferedImage image, int size) { return normalize(centerCrop(image, size)); }

    /** Shorter side → {@code size}, then the central size×size square. */
    public static BufferedImage centerCrop(BufferedImage image, int size) {
        int w = image.getWidth(), h = image.getHeight();
        double s = (double) size / Math.min(w, h);
        int rw = Math.max(size, (int) Math.round(w * s)), rh = Math.max(size, (int) Math.round(h * s));
        BufferedImage r = resize(image, rw, rh);
        return r.getSubimage((rw - size) / 2, (rh - size) / 2, size, size);
    }

    /**
     * Bicubic resize. Java2D's bicubic does not low-pass when shrinking, so big reductions first halve with
     * bilinear steps (an area filter in effect) to avoid aliasing, as PIL's antialiased resize would.
     */
    public static BufferedImage resize(BufferedImage src, int w, int h) {
        BufferedImage cur = ImageLoader.toRgb(src);
        while (cur.getWidth() >= 2 * w && cur.getHeight() >= 2 * h)
            cur = draw(cur, cur.getWidth() / 2, cur.getHeight() / 2, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        if (cur.getWidth() == w && cur.getHeight() == h) return cur;
        return draw(cur, w, h, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    private static BufferedImage draw(BufferedImage src, int w, int h, Object interpolation) {
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return dst;
    }

    /** RGB pixels → {@code float[3 * h * w]} (C, H, W), {@code (v / 255 - mean[c]) / std[c]}. */
    public static float[] normalize(BufferedImage im) {
        int w = im.getWidth(), h = im.getHeight(), plane = w * h;
        int[] px = im.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[3 * plane];                                   // (3, H, W)
        for (int i = 0; i < plane; i++) {
            int p = px[i];
            out[i] = ((p >> 16 & 255) / 255f - MEAN[0]) / STD[0];
            out[plane + i] = ((p >> 8 & 255) / 255f - MEAN[1]) / STD[1];
            out[2 * plane + i] = ((p & 255) / 255f - MEAN[2]) / STD[2];
        }
        return out;
    }
}
