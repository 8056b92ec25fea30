package cmer.data.sample;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;

/**
 * Small targets drawn from above with their shadow, each recorded as ground truth on the canvas. Sizes are in
 * pixels of a 192 px image at about 1 m per pixel (a car ≈ 4.5 m, an airliner ≈ 35 m).
 */
final class Targets {
    /** Colour word and the colour drawn. */
    record Paint(String word, Color colour) { }

    static final List<Paint> CAR_PAINTS = List.of(new Paint("white", new Color(235, 235, 232)), new Paint("red", new Color(190, 30, 30)),
            new Paint("blue", new Color(40, 70, 170)), new Paint("black", new Color(30, 30, 34)), new Paint("gray", new Color(140, 140, 145)),
            new Paint("yellow", new Color(225, 195, 40)));
    static final List<Paint> PLANE_PAINTS = List.of(new Paint("white", new Color(238, 238, 240)), new Paint("gray", new Color(170, 172, 178)));
    static final List<Paint> SHIP_PAINTS = List.of(new Paint("white", new Color(236, 236, 230)), new Paint("red", new Color(170, 50, 40)),
            new Paint("blue", new Color(50, 80, 150)), new Paint("orange", new Color(220, 120, 40)));
    static final List<Paint> TANK_PAINTS = List.of(new Paint("white", new Color(232, 232, 228)), new Paint("gray", new Color(165, 165, 160)));

    private Targets() { }

    private static Shape place(Shape local, double x, double y, double angle, double scale) {
        AffineTransform t = AffineTransform.getTranslateInstance(x, y);
        t.rotate(angle);
        t.scale(scale, scale);
        return t.createTransformedShape(local);
    }

    /** An airliner centred at (x, y), nose along {@code angle}; {@code span} is the wingspan in pixels. */
    static void plane(Canvas c, double x, double y, double angle, double span, Paint p) {
        Path2D body = new Path2D.Double();                                    // local units: span = 1, nose at +x
        body.append(new RoundRectangle2D.Double(-0.5, -0.06, 1.0, 0.12, 0.12, 0.12), false);
        Path2D wings = new Path2D.Double();
        wings.moveTo(0.12, -0.05); wings.lineTo(-0.12, -0.5); wings.lineTo(-0.22, -0.5); wings.lineTo(-0.08, -0.05);
        wings.lineTo(-0.08, 0.05); wings.lineTo(-0.22, 0.5); wings.lineTo(-0.12, 0.5); wings.lineTo(0.12, 0.05); wings.closePath();
        Path2D tail = new Path2D.Double();
        tail.moveTo(-0.36, -0.04); tail.lineTo(-0.47, -0.2); tail.lineTo(-0.52, -0.2); tail.lineTo(-0.46, -0.03);
        tail.lineTo(-0.46, 0.03); tail.lineTo(-0.52, 0.2); tail.lineTo(-0.47, 0.2); tail.lineTo(-0.36, 0.04); tail.closePath();
        Area a = new Area(body);
        a.add(new Area(wings));
        a.add(new Area(tail));
        Shape s = place(a, x, y, angle, span);
        c.castShadow(s, 2.2);
        c.fill(s, c.jitter(p.colour(), 6));
        c.fill(place(new Rectangle2D.Double(0.3, -0.04, 0.12, 0.08), x, y, angle, span), new Color(60, 70, 90));   // cockpit
        c.target("plane", p.word(), s);
    }

    /** A ship of {@code length} px centred at (x, y), bow along {@code angle}, with a faint wake when moving. */
    static void ship(Canvas c, double x, double y, double angle, double length, Paint p, boolean wake) {
        if (wake) {
            Path2D w = new Path2D.Double();
            w.moveTo(-0.5, 0); w.lineTo(-2.2, -0.45); w.lineTo(-2.2, 0.45); w.closePath();
            c.fill(place(w, x, y, angle, length), new Color(255, 255, 255, 45));
        }
        Path2D hull = new Path2D.Double();
        hull.moveTo(0.5, 0); hull.lineTo(0.3, -0.13); hull.lineTo(-0.5, -0.13); hull.lineTo(-0.5, 0.13); hull.lineTo(0.3, 0.13); hull.closePath();
        Shape s = place(hull, x, y, angle, length);
        c.castShadow(s, 1.2);
        c.fill(s, c.jitter(p.colour(), 8));
        c.fill(place(new Rectangle2D.Double(-0.42, -0.09, 0.22, 0.18), x, y, angle, length), new Color(240, 240, 240)); // bridge house
        if (length > 25)                                                                                                 // deck cargo
            for (double k = -0.12; k < 0.25; k += 0.12)
                c.fill(place(new Rectangle2D.Double(k, -0.08, 0.09, 0.16), x, y, angle, length), c.jitter(new Color(120, 90, 60), 40));
        c.target("ship", p.word(), s);
    }

    /** A car (4.5 × 2 m) centred at (x, y) along {@code angle}. */
    static void car(Canvas c, double x, double y, double angle, Paint p) {
        double u = c.size / 192.0;
        Shape s = place(new RoundRectangle2D.Double(-2.4, -1.05, 4.8, 2.1, 1.0, 1.0), x, y, angle, u);
        c.castShadow(s, 0.6);
        c.fill(s, c.jitter(p.colour(), 10));
        c.fill(place(new Rectangle2D.Double(0.5, -0.85, 0.8, 1.7), x, y, angle, u), new Color(40, 45, 55, 200));      // windscreen
        c.target("car", p.word(), s);
    }

    /** A cylindrical storage tank of diameter {@code d} centred at (x, y). */
    static void tank(Canvas c, double x, double y, double d, Paint p) {
        Shape s = new Ellipse2D.Double(x - d / 2, y - d / 2, d, d);
        c.castShadow(s, Math.max(1.5, d / 6));
        c.fill(s, c.jitter(p.colour(), 6));
        c.stroke(new Ellipse2D.Double(x - d * 0.36, y - d * 0.36, d * 0.72, d * 0.72), new Color(0, 0, 0, 40), Math.max(0.6, d / 20));
        c.fill(new Ellipse2D.Double(x - d * 0.06, y - d * 0.06, d * 0.12, d * 0.12), new Color(110, 110, 110));
        c.target("tank", p.word(), s);
    }
}
