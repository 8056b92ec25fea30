package cmer.data.sample;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.TexturePaint;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/** Noisy fills that make flat colours read as ground seen from above, and the final sensor-like pass. */
final class Texture {
    private Texture() { }

    /** Smooth value noise in [0, 1], {@code float[h * w]}: three octaves of bilinear-smoothstep grids. */
    static float[] valueNoise(SplittableRandom rnd, int w, int h, int cell) {
        float[] out = new float[w * h];
        float[] weights = {0.5f, 0.3f, 0.2f};
        for (int octave = 0; octave < 3; octave++) {
            int c = Math.max(2, cell >> (2 * octave)), n = w / c + 2, m = h / c + 2;
            float[] grid = new float[n * m];
            for (int k = 0; k < grid.length; k++) grid[k] = rnd.nextFloat();
            float weight = weights[octave];
            for (int y = 0; y < h; y++) {
                int gy = y / c;
                float fy = smooth((y % c) / (float) c);
                for (int x = 0; x < w; x++) {
                    int gx = x / c;
                    float fx = smooth((x % c) / (float) c);
                    float top = lerp(grid[gy * n + gx], grid[gy * n + gx + 1], fx);
                    float bottom = lerp(grid[(gy + 1) * n + gx], grid[(gy + 1) * n + gx + 1], fx);
                    out[y * w + x] += weight * lerp(top, bottom, fy);
                }
            }
        }
        return out;
    }

    private static float smooth(float t) { return t * t * (3 - 2 * t); }

    private static float lerp(float a, float b, float t) { return a + (b - a) * t; }

    /** A w×h texture: {@code base} brightened/darkened by noise of relative amplitude {@code amp}, plus fine speckle. */
    static BufferedImage noisy(Canvas c, Color base, double amp, int cell, int speckle, int w, int h) {
        float[] n = valueNoise(c.rnd, w, h, cell);
        BufferedImage t = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[n.length];
        for (int k = 0; k < n.length; k++) {
            double f = 1 + amp * (n[k] - 0.5) * 2;
            int s = speckle == 0 ? 0 : c.rnd.nextInt(2 * speckle + 1) - speckle;
            int r = Canvas.clamp((int) (base.getRed() * f) + s), g = Canvas.clamp((int) (base.getGreen() * f) + s),
                    b = Canvas.clamp((int) (base.getBlue() * f) + s);
            px[k] = r << 16 | g << 8 | b;
        }
        t.setRGB(0, 0, w, h, px, 0, w);
        return t;
    }

    /** Fills the whole canvas with textured ground. */
    static void ground(Canvas c, Color base, double amp, int cell, int speckle) {
        c.g.drawImage(noisy(c, base, amp, cell, speckle, c.size, c.size), 0, 0, null);
    }

    /** Fills a shape with a textured colour (noise made only over the shape's bounds within the image). */
    static void fill(Canvas c, Shape s, Color base, double amp, int cell, int speckle) {
        Rectangle b = s.getBounds().intersection(new Rectangle(0, 0, c.size, c.size));
        if (b.isEmpty()) return;
        c.g.setPaint(new TexturePaint(noisy(c, base, amp, cell, speckle, b.width, b.height), b));
        c.g.fill(s);
    }

    /** Final pass: a very light 3×3 blur (optics) then per-pixel grain (sensor noise). */
    static void finish(Canvas c, int grain) {
        int s = c.size;
        int[] src = c.image.getRGB(0, 0, s, s, null, 0, s), dst = new int[src.length];
        for (int y = 0; y < s; y++)
            for (int x = 0; x < s; x++) {
                int r = 0, g = 0, b = 0, w = 0;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = Math.min(s - 1, Math.max(0, x + dx)), yy = Math.min(s - 1, Math.max(0, y + dy));
                        int k = dx == 0 && dy == 0 ? 12 : (dx == 0 || dy == 0 ? 2 : 1);
                        int p = src[yy * s + xx];
                        r += k * (p >> 16 & 255); g += k * (p >> 8 & 255); b += k * (p & 255); w += k;
                    }
                int n = grain == 0 ? 0 : c.rnd.nextInt(2 * grain + 1) - grain;
                dst[y * s + x] = Canvas.clamp(r / w + n) << 16 | Canvas.clamp(g / w + n) << 8 | Canvas.clamp(b / w + n);
            }
        c.image.setRGB(0, 0, s, s, dst, 0, s);
    }
}
