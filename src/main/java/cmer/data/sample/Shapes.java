package cmer.data.sample;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** Scene elements seen from above: roofs with shadows, trees, roads, water, fields. */
final class Shapes {
    static final Color ASPHALT = new Color(92, 94, 96), CONCRETE = new Color(170, 168, 160), WATER = new Color(38, 78, 96),
            GRASS = new Color(92, 122, 60), SAND = new Color(206, 188, 150), SOIL = new Color(140, 112, 84), TREE = new Color(42, 72, 36);

    private Shapes() { }

    /** A gabled roof w×h centred at (x, y), rotated; the two slopes lit differently, ridge along the long side. */
    static Shape house(Canvas c, double x, double y, double w, double h, double angle, Color roof) {
        AffineTransform t = AffineTransform.getTranslateInstance(x, y);
        t.rotate(angle);
        Shape whole = t.createTransformedShape(new Rectangle2D.Double(-w / 2, -h / 2, w, h));
        c.castShadow(whole, Math.max(2, Math.min(w, h) / 4));
        c.fill(t.createTransformedShape(new Rectangle2D.Double(-w / 2, -h / 2, w, h / 2)), brighter(roof, 1.15));
        c.fill(t.createTransformedShape(new Rectangle2D.Double(-w / 2, 0, w, h / 2)), brighter(roof, 0.8));
        c.stroke(t.createTransformedShape(new Line2D.Double(-w / 2, 0, w / 2, 0)), brighter(roof, 0.6), 0.6);
        return whole;
    }

    /** A flat industrial roof with vents: lighter rectangle, its shadow and small dark squares. */
    static Shape flatRoof(Canvas c, double x, double y, double w, double h, Color roof) {
        Shape s = new Rectangle2D.Double(x, y, w, h);
        c.castShadow(s, 3.5);
        Texture.fill(c, s, roof, 0.06, 12, 4);
        c.stroke(s, brighter(roof, 0.75), 0.8);
        int vents = c.i(0, 4);
        for (int k = 0; k < vents; k++) c.fill(new Rectangle2D.Double(x + c.r(2, w - 5), y + c.r(2, h - 5), 3, 3), brighter(roof, 0.55));
        return s;
    }

    /** A tree crown of radius r: shadow, dark canopy, lit top-left edge. */
    static void tree(Canvas c, double x, double y, double r) {
        Shape crown = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
        c.castShadow(crown, r / 1.5);
        c.fill(crown, c.jitter(TREE, 12));
        c.fill(new Ellipse2D.Double(x - r * 0.8, y - r * 0.8, r * 1.1, r * 1.1), new Color(110, 150, 70, 70));
    }

    /** A cluster of n trees around (x, y) within radius spread. */
    static void grove(Canvas c, double x, double y, double spread, int n, double r) {
        for (int k = 0; k < n; k++) tree(c, x + c.r(-spread, spread), y + c.r(-spread, spread), r * c.r(0.7, 1.2));
    }

    /** A road along {@code path}: asphalt, light edges and a dashed centre line. */
    static void road(Canvas c, Shape path, double width, boolean centreLine) {
        c.stroke(path, new Color(200, 196, 186), width + 2);
        c.stroke(path, c.jitter(ASPHALT, 6), width);
        if (centreLine) {
            c.g.setColor(new Color(230, 230, 220, 200));
            c.g.setStroke(new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {4f, 4f}, 0f));
            c.g.draw(path);
        }
    }

    /** Water: dark textured blue with a lighter shoreline. */
    static void water(Canvas c, Shape s) {
        c.stroke(s, new Color(160, 150, 120), 3);
        Texture.fill(c, s, c.jitter(WATER, 8), 0.12, 24, 2);
    }

    /** A field polygon with plough lines at {@code angle}. */
    static void field(Canvas c, Shape poly, Color colour, double angle, double spacing) {
        Texture.fill(c, poly, colour, 0.12, 16, 5);
        Shape clip = c.g.getClip();
        c.g.clip(poly);
        double diag = c.size * 1.5, cx = c.size / 2.0;
        Color line = brighter(colour, 0.82);
        for (double d = -diag; d < diag; d += spacing) {
            double dx = Math.cos(angle), dy = Math.sin(angle);
            c.stroke(new Line2D.Double(cx - dy * d - dx * diag, cx + dx * d - dy * diag, cx - dy * d + dx * diag, cx + dx * d + dy * diag), line, 0.7);
        }
        c.g.setClip(clip);
    }

    /** A smooth band (river, road) from one image edge to another through {@code n} random control points. */
    static Path2D meander(Canvas c, boolean vertical, double wobble) {
        Path2D p = new Path2D.Double();
        double s = c.size, pos = c.r(0.3, 0.7) * s;
        if (vertical) {
            p.moveTo(pos, -10);
            p.curveTo(pos + c.r(-wobble, wobble), s * 0.33, pos + c.r(-wobble, wobble), s * 0.66, pos + c.r(-wobble / 2, wobble / 2), s + 10);
        } else {
            p.moveTo(-10, pos);
            p.curveTo(s * 0.33, pos + c.r(-wobble, wobble), s * 0.66, pos + c.r(-wobble, wobble), s + 10, pos + c.r(-wobble / 2, wobble / 2));
        }
        return p;
    }

    static Color brighter(Color c, double f) {
        return new Color(Canvas.clamp((int) (c.getRed() * f)), Canvas.clamp((int) (c.getGreen() * f)), Canvas.clamp((int) (c.getBlue() * f)));
    }

    /** A thick band along {@code path} as a fillable shape. */
    static Shape band(Shape path, double width) {
        return new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND).createStrokedShape(path);
    }
}
