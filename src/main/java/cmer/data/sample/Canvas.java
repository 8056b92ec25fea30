package cmer.data.sample;

import cmer.data.TargetBox;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One scene being drawn: the image, its Graphics2D (antialiased), the scene's random stream and the ground-truth
 * targets placed so far. The sun is in the top left, so shadows fall towards the bottom right.
 */
final class Canvas {
    final int size;
    final BufferedImage image;
    final Graphics2D g;
    final SplittableRandom rnd;
    final List<TargetBox> targets = new ArrayList<>();
    /** Shadow offset in pixels (x and y), scaled with the image. */
    final double shadow;

    Canvas(int size, SplittableRandom rnd) {
        this.size = size;
        this.rnd = rnd;
        this.image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        this.g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        this.shadow = size / 96.0;
    }

    double r(double lo, double hi) { return lo + (hi - lo) * rnd.nextDouble(); }

    int i(int lo, int hiInclusive) { return lo + rnd.nextInt(hiInclusive - lo + 1); }

    boolean chance(double p) { return rnd.nextDouble() < p; }

    <T> T pick(List<T> options) { return options.get(rnd.nextInt(options.size())); }

    /** A colour varied by ±{@code amount} per channel. */
    Color jitter(Color c, int amount) {
        return new Color(clamp(c.getRed() + i(-amount, amount)), clamp(c.getGreen() + i(-amount, amount)), clamp(c.getBlue() + i(-amount, amount)));
    }

    static int clamp(int v) { return Math.max(0, Math.min(255, v)); }

    void fill(Shape s, Color c) { g.setColor(c); g.fill(s); }

    void stroke(Shape s, Color c, double width) {
        g.setColor(c);
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(s);
    }

    /** Translucent dark copy of {@code s}, shifted away from the sun by {@code height} × the shadow unit. */
    void castShadow(Shape s, double height) {
        double d = shadow * height;
        fill(AffineTransform.getTranslateInstance(d, d).createTransformedShape(s), new Color(0, 0, 0, 90));
    }

    /** Records a ground-truth target from the bounds of its drawn outline (clipped to the image). */
    void target(String kind, String colour, Shape outline) {
        var b = outline.getBounds2D();
        int x0 = Math.max(0, (int) Math.floor(b.getMinX())), y0 = Math.max(0, (int) Math.floor(b.getMinY()));
        int x1 = Math.min(size, (int) Math.ceil(b.getMaxX())), y1 = Math.min(size, (int) Math.ceil(b.getMaxY()));
        if (x1 - x0 >= 2 && y1 - y0 >= 2) targets.add(new TargetBox(kind, colour, x0, y0, x1 - x0, y1 - y0));
    }

    void dispose() { g.dispose(); }
}
