package cmer.data.sample;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;

/** Painters of man-made scenes with small targets: airport, port, parking, storage tanks, industrial, intersection, bridge. */
final class BuiltScenes {
    private BuiltScenes() { }

    static final List<Targets.Paint> ROOFS = List.of(new Targets.Paint("white", new Color(215, 215, 210)),
            new Targets.Paint("blue", new Color(70, 100, 150)), new Targets.Paint("gray", new Color(150, 150, 150)),
            new Targets.Paint("red", new Color(160, 70, 55)));

    static void airport(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, new Color(150, 150, 105), 0.18, 48, 5);
        double angle = c.pick(List.of(0.0, Math.PI / 2, c.r(-0.5, 0.5)));
        AffineTransform t = AffineTransform.getRotateInstance(angle, s / 2, s / 2);
        double ry = s * c.r(0.22, 0.38);
        Shape runway = t.createTransformedShape(new Rectangle2D.Double(-s, ry, 3 * s, s * 0.13));
        Texture.fill(c, runway, new Color(120, 122, 124), 0.08, 20, 4);
        c.g.setColor(new Color(240, 240, 240));
        c.g.setStroke(new java.awt.BasicStroke(1.2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND, 1f, new float[] {9f, 7f}, 0f));
        c.g.draw(t.createTransformedShape(new Line2D.Double(-s, ry + s * 0.065, 3 * s, ry + s * 0.065)));
        for (int k = 0; k < 6; k++)                                               // threshold piano keys at one end
            c.fill(t.createTransformedShape(new Rectangle2D.Double(s * 0.04, ry + s * (0.012 + 0.019 * k), s * 0.07, s * 0.01)), new Color(235, 235, 235));
        Shape taxi = t.createTransformedShape(new Rectangle2D.Double(-s, ry + s * 0.18, 3 * s, s * 0.045));
        Texture.fill(c, taxi, new Color(135, 135, 132), 0.06, 20, 3);
        Shape apron = t.createTransformedShape(new Rectangle2D.Double(s * 0.05, ry + s * 0.24, s * 0.9, s * 0.42));
        Texture.fill(c, apron, Shapes.CONCRETE, 0.07, 24, 4);
        var roof = c.pick(ROOFS);
        double tx = s * c.r(0.15, 0.55);
        Shape terminal = t.createTransformedShape(new Rectangle2D.Double(tx, ry + s * 0.56, s * 0.34, s * 0.1));
        c.castShadow(terminal, 4);
        Texture.fill(c, terminal, roof.colour(), 0.05, 12, 3);
        int planes = c.i(2, 5);
        for (int k = 0; k < planes; k++) {
            double px = s * (0.14 + 0.78 * (k + 0.5) / planes), py = ry + s * c.r(0.38, 0.43);
            double[] p = {px, py};
            t.transform(p, 0, p, 0, 1);
            Targets.plane(c, p[0], p[1], angle - Math.PI / 2 + c.r(-0.15, 0.15), s * c.r(0.12, 0.16), c.pick(Targets.PLANE_PAINTS));
        }
        if (c.chance(0.4)) {
            double[] p = {s * c.r(0.2, 0.8), ry + s * 0.065};
            t.transform(p, 0, p, 0, 1);
            Targets.plane(c, p[0], p[1], angle + (c.chance(0.5) ? 0 : Math.PI), s * 0.16, c.pick(Targets.PLANE_PAINTS));
        }
        double[] tc = {tx + s * 0.17, ry + s * 0.61};
        t.transform(tc, 0, tc, 0, 1);
        String dir = Math.abs(Math.sin(angle)) > 0.8 ? "vertically" : Math.abs(angle) < 0.15 ? "horizontally" : "diagonally";
        f.say(c, "a long gray runway crosses the airport " + dir, "the runway runs " + dir + " across the image", "an airport with a straight runway and a parallel taxiway");
        f.say(c, "a " + roof.word() + " terminal building is " + Words.where(c, tc[0], tc[1]), "the " + roof.word() + " terminal stands " + Words.where(c, tc[0], tc[1]) + " beside the apron");
        f.say(c, "dry grass lies between the runway and the taxiway", "the airport is surrounded by yellowish grassland");
        f.targetPlace.put("plane", c.pick(List.of("on the apron", "in front of the terminal", "near the terminal")));
    }

    static void port(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, Shapes.CONCRETE, 0.1, 32, 4);
        boolean waterLeft = c.chance(0.5);
        double shore = s * c.r(0.4, 0.55);
        Shape water = waterLeft ? new Rectangle2D.Double(-5, -5, shore + 5, s + 10) : new Rectangle2D.Double(shore, -5, s, s + 10);
        Shapes.water(c, water);
        int piers = c.i(2, 3), ships = 0;
        for (int k = 0; k < piers; k++) {
            double py = s * (0.15 + 0.7 * (k + 0.5) / piers), len = s * c.r(0.22, 0.32);
            Shape pier = waterLeft ? new Rectangle2D.Double(shore - len, py - 4, len + 2, 8) : new Rectangle2D.Double(shore - 2, py - 4, len + 2, 8);
            c.castShadow(pier, 1.5);
            Texture.fill(c, pier, new Color(185, 180, 170), 0.06, 8, 4);
            for (int side = -1; side <= 1; side += 2) {
                if (!c.chance(0.65)) continue;
                double len2 = s * c.r(0.12, 0.2), cx = waterLeft ? shore - len * c.r(0.35, 0.6) : shore + len * c.r(0.35, 0.6);
                Targets.ship(c, cx, py + side * (4 + len2 * 0.16), 0, len2, c.pick(Targets.SHIP_PAINTS), false);
                ships++;
            }
        }
        if (ships == 0 || c.chance(0.4)) {
            double x = waterLeft ? shore * c.r(0.2, 0.5) : shore + (s - shore) * c.r(0.5, 0.8);
            Targets.ship(c, x, s * c.r(0.1, 0.9), c.r(0, 2 * Math.PI), s * c.r(0.1, 0.16), c.pick(Targets.SHIP_PAINTS), true);
        }
        int sheds = c.i(2, 4);
        for (int k = 0; k < sheds; k++) {
            double x = waterLeft ? shore + s * c.r(0.12, 0.25) : s * c.r(0.05, 0.2), y = s * (0.05 + 0.9 * k / sheds);
            Shapes.flatRoof(c, x, y, s * c.r(0.18, 0.26), s * c.r(0.1, 0.16), c.pick(ROOFS).colour());
        }
        for (int k = 0; k < c.i(6, 14); k++) {                                   // stacked containers on the quay
            double x = waterLeft ? shore + s * c.r(0.02, 0.1) : shore - s * c.r(0.1, 0.04) - 8, y = s * c.r(0.05, 0.92);
            c.fill(new Rectangle2D.Double(x, y, 9, 3.5), c.pick(List.of(new Color(170, 60, 40), new Color(50, 90, 150), new Color(200, 170, 60), new Color(80, 130, 80))));
        }
        String side = waterLeft ? "left" : "right";
        f.say(c, "the sea takes up the " + side + " part of the port", "dark blue water is on the " + side + " of the port", "a port with water on the " + side);
        f.say(c, Words.count(c, piers) + " piers stretch into the water", "there are " + Words.count(c, piers) + " long piers in the harbor");
        f.say(c, Words.count(c, sheds) + " warehouses stand on the quay", "several colorful containers are stacked next to the warehouses");
        f.targetPlace.put("ship", c.pick(List.of("along the piers", "in the harbor", "at the docks")));
    }

    static void parking(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, Shapes.GRASS, 0.15, 40, 5);
        boolean vertical = c.chance(0.5);
        Shape road = vertical ? new Line2D.Double(s * 0.9, -5, s * 0.9, s + 5) : new Line2D.Double(-5, s * 0.9, s + 5, s * 0.9);
        Shapes.road(c, road, s * 0.07, true);
        double x0 = s * 0.08, y0 = s * 0.08, w = s * 0.75, h = s * 0.75;
        Texture.fill(c, new Rectangle2D.Double(x0, y0, w, h), new Color(105, 106, 108), 0.06, 24, 4);
        int rows = 4, slots = 12, cars = 0;
        double slotW = w / slots;
        for (int r = 0; r < rows; r++) {
            double ry = y0 + h * (r + 0.5) / rows;
            for (int k = 0; k <= slots; k++) c.stroke(new Line2D.Double(x0 + k * slotW, ry - h * 0.09, x0 + k * slotW, ry + h * 0.09), new Color(235, 235, 230), 0.6);
            for (int k = 0; k < slots; k++)
                if (c.chance(r % 2 == 0 ? 0.55 : 0.35)) { Targets.car(c, x0 + (k + 0.5) * slotW, ry, Math.PI / 2, c.pick(Targets.CAR_PAINTS)); cars++; }
        }
        for (int k = 0; k < 7; k++) Shapes.tree(c, vertical ? s * 0.96 : s * (0.1 + 0.13 * k), vertical ? s * (0.1 + 0.13 * k) : s * 0.97, s * 0.03);
        f.say(c, "a large parking lot with " + rows + " rows of spaces", "the parking lot is divided into " + Words.count(c, rows) + " rows by white lines");
        f.say(c, "a road runs along the " + (vertical ? "right" : "bottom") + " side of the parking lot", "the parking lot is next to a road lined with trees");
        f.say(c, cars > 20 ? "the parking lot is almost full" : "many parking spaces are still empty", "green grass surrounds the parking area");
        f.targetPlace.put("car", c.pick(List.of("in the parking lot", "in the parking spaces", "in neat rows")));
    }

    static void storagetanks(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, new Color(158, 150, 132), 0.12, 32, 5);
        int cols = c.i(2, 3), rows = c.i(2, 3);
        double d = s * c.r(0.13, 0.2), gx = s * 0.15, gy = s * 0.15;
        for (int r = 0; r < rows; r++) c.stroke(new Line2D.Double(0, gy + r * d * 1.5 + d / 2, s, gy + r * d * 1.5 + d / 2), new Color(90, 90, 90), 0.8);
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < cols; k++) {
                if (c.chance(0.15)) continue;
                double dd = d * c.r(0.8, 1.05);
                Shape bund = new Rectangle2D.Double(gx + k * d * 1.5 - dd * 0.65, gy + r * d * 1.5 - dd * 0.65, dd * 1.3, dd * 1.3);
                c.stroke(bund, new Color(190, 185, 170), 1.2);
                Targets.tank(c, gx + k * d * 1.5, gy + r * d * 1.5, dd, c.pick(Targets.TANK_PAINTS));
            }
        Shapes.road(c, new Line2D.Double(s * 0.88, -5, s * 0.88, s + 5), s * 0.05, false);
        if (c.chance(0.6)) Shapes.flatRoof(c, s * 0.72, s * 0.7, s * 0.12, s * 0.2, c.pick(ROOFS).colour());
        f.say(c, "the storage tanks are arranged in " + Words.count(c, rows) + " rows", "round tanks stand in a regular grid");
        f.say(c, "thin pipes connect the storage tanks", "a road passes on the right of the tank farm");
        f.say(c, "the ground around the tanks is bare and brown", "each tank is surrounded by a low wall");
        f.targetPlace.put("tank", c.pick(List.of("in the tank farm", "in rows", "on the bare ground")));
    }

    static void industrial(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, new Color(150, 146, 138), 0.1, 32, 5);
        Shapes.road(c, new Line2D.Double(-5, s * 0.5, s + 5, s * 0.5), s * 0.06, true);
        int n = 0;
        String firstColour = null;
        for (int half = 0; half < 2; half++)
            for (int k = 0; k < c.i(1, 3); k++) {
                var roof = c.pick(ROOFS);
                if (firstColour == null) firstColour = roof.word();
                double x = s * (0.03 + 0.32 * k) + c.r(0, 6), y = half == 0 ? s * c.r(0.05, 0.15) : s * c.r(0.58, 0.66);
                Shapes.flatRoof(c, x, y, s * c.r(0.2, 0.28), s * c.r(0.2, 0.3), roof.colour());
                n++;
            }
        int trucks = c.i(1, 5);
        for (int k = 0; k < trucks; k++) Targets.car(c, s * c.r(0.05, 0.95), s * (0.5 + (c.chance(0.5) ? -0.015 : 0.015)), 0, c.pick(Targets.CAR_PAINTS));
        if (c.chance(0.5)) Targets.tank(c, s * 0.9, s * 0.85, s * 0.1, c.pick(Targets.TANK_PAINTS));
        f.say(c, Words.count(c, n) + " large factory buildings with flat roofs", "an industrial area with " + Words.count(c, n) + " big warehouses");
        f.say(c, "a straight road divides the industrial area into two parts", "a road crosses the factories horizontally");
        f.say(c, "one of the plants has a " + firstColour + " roof", "the factory roofs are " + firstColour + " and gray");
        f.targetPlace.put("car", c.pick(List.of("on the road", "between the factories")));
        f.targetPlace.put("tank", "in the corner");
    }

    static void intersection(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, new Color(140, 138, 130), 0.12, 32, 5);
        double w = s * 0.14;
        for (int q = 0; q < 4; q++) {                                             // four blocks: lawn or buildings
            double x = q % 2 == 0 ? 0 : s / 2 + w / 2, y = q < 2 ? 0 : s / 2 + w / 2;
            Texture.fill(c, new Rectangle2D.Double(x, y, s / 2 - w / 2, s / 2 - w / 2), c.chance(0.5) ? Shapes.GRASS : Shapes.CONCRETE, 0.12, 24, 5);
            if (c.chance(0.6)) Shapes.flatRoof(c, x + s * 0.06, y + s * 0.06, s * 0.25, s * 0.22, c.pick(ROOFS).colour());
            else Shapes.grove(c, x + s * 0.2, y + s * 0.2, s * 0.1, 5, s * 0.03);
        }
        Shapes.road(c, new Line2D.Double(-5, s / 2, s + 5, s / 2), w, true);
        Shapes.road(c, new Line2D.Double(s / 2, -5, s / 2, s + 5), w, true);
        c.fill(new Rectangle2D.Double(s / 2 - w / 2, s / 2 - w / 2, w, w), c.jitter(Shapes.ASPHALT, 4));
        for (int k = 0; k < 6; k++) {                                            // zebra crossings
            double o = -w / 2 + (k + 0.5) * w / 6;
            c.fill(new Rectangle2D.Double(s / 2 + o - 0.8, s / 2 - w / 2 - 6, 1.6, 5), Color.WHITE);
            c.fill(new Rectangle2D.Double(s / 2 + w / 2 + 1, s / 2 + o - 0.8, 5, 1.6), Color.WHITE);
        }
        int cars = c.i(3, 9);
        for (int k = 0; k < cars; k++) {
            boolean h = c.chance(0.5);
            double along = c.r(0.05, 0.95) * s, lane = s / 2 + (c.chance(0.5) ? -w / 4 : w / 4);
            Targets.car(c, h ? along : lane, h ? lane : along, h ? 0 : Math.PI / 2, c.pick(Targets.CAR_PAINTS));
        }
        f.say(c, "two roads cross at right angles in the middle", "a crossroads with zebra crossings in the center", "a busy intersection of two straight roads");
        f.say(c, "buildings and lawns fill the four corners", "the four blocks around the crossing have buildings and trees");
        f.targetPlace.put("car", c.pick(List.of("on the roads", "at the intersection", "driving through the crossing")));
    }

    static void bridge(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, Shapes.GRASS, 0.15, 40, 5);
        boolean vertical = c.chance(0.5);
        Path2D river = Shapes.meander(c, vertical, s * 0.1);
        Shapes.water(c, Shapes.band(river, s * c.r(0.25, 0.35)));
        Shape deck = vertical ? new Line2D.Double(-5, s * 0.5, s + 5, s * 0.5) : new Line2D.Double(s * 0.5, -5, s * 0.5, s + 5);
        c.castShadow(Shapes.band(deck, s * 0.08), 3);
        Shapes.road(c, deck, s * 0.08, true);
        int cars = c.i(1, 5);
        for (int k = 0; k < cars; k++) {
            double a = s * c.r(0.05, 0.95), lane = s * 0.5 + (c.chance(0.5) ? -s * 0.02 : s * 0.02);
            Targets.car(c, vertical ? a : lane, vertical ? lane : a, vertical ? 0 : Math.PI / 2, c.pick(Targets.CAR_PAINTS));
        }
        if (c.chance(0.5)) Targets.ship(c, vertical ? s * 0.5 : s * 0.25, vertical ? s * 0.22 : s * 0.5, vertical ? Math.PI / 2 : 0, s * 0.1,
                c.pick(Targets.SHIP_PAINTS), true);
        Shapes.grove(c, s * 0.15, s * 0.15, s * 0.1, 6, s * 0.03);
        f.say(c, "a bridge crosses the river " + (vertical ? "horizontally" : "vertically"), "a straight bridge spans the " + (vertical ? "vertical" : "horizontal") + " river");
        f.say(c, "the river is dark green and winds through grassland", "green fields lie on both banks of the river");
        f.targetPlace.put("car", c.pick(List.of("on the bridge", "crossing the bridge")));
        f.targetPlace.put("ship", c.pick(List.of("on the river", "under the bridge")));
    }

    /** Baseball diamond(s): infield dirt fan, grass diamond, white lines, trees around, sometimes a car park. */
    static void baseballfield(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, new Color(96, 138, 62), 0.12, 40, 4);
        int fields = c.i(1, 2);
        for (int k = 0; k < fields; k++) {
            double hx = fields == 1 ? s * 0.3 : s * (0.15 + 0.45 * k), hy = s * 0.8, r = s * (fields == 1 ? 0.45 : 0.35);
            Shape outfield = new Arc2D.Double(hx - r, hy - r, 2 * r, 2 * r, 0, 90, Arc2D.PIE);
            Texture.fill(c, outfield, new Color(84, 150, 60), 0.1, 16, 4);
            double ri = r * 0.42;
            Texture.fill(c, new Arc2D.Double(hx - ri, hy - ri, 2 * ri, 2 * ri, 0, 90, Arc2D.PIE), new Color(176, 120, 80), 0.08, 8, 4);
            double d = ri * 0.62;
            Path2D diamond = new Path2D.Double();
            diamond.moveTo(hx, hy); diamond.lineTo(hx + d, hy); diamond.lineTo(hx + d, hy - d); diamond.lineTo(hx, hy - d); diamond.closePath();
            AffineTransform rot = AffineTransform.getRotateInstance(0, hx, hy);
            Texture.fill(c, rot.createTransformedShape(diamond), new Color(90, 150, 64), 0.1, 8, 4);
            c.stroke(new Line2D.Double(hx, hy, hx + r, hy), Color.WHITE, 0.8);
            c.stroke(new Line2D.Double(hx, hy, hx, hy - r), Color.WHITE, 0.8);
            c.fill(new Ellipse2D.Double(hx + d / 2 - 2, hy - d / 2 - 2, 4, 4), new Color(180, 125, 85));
        }
        Shapes.grove(c, s * 0.85, s * 0.15, s * 0.1, 8, s * 0.035);
        int cars = c.chance(0.6) ? c.i(2, 7) : 0;
        if (cars > 0) {
            Texture.fill(c, new Rectangle2D.Double(s * 0.7, s * 0.6, s * 0.28, s * 0.35), new Color(105, 106, 108), 0.06, 24, 4);
            for (int k = 0; k < cars; k++) Targets.car(c, s * (0.74 + 0.05 * (k % 4)), s * (0.68 + 0.14 * (k / 4)), Math.PI / 2, c.pick(Targets.CAR_PAINTS));
        }
        f.say(c, (fields == 1 ? "a baseball field" : "two baseball fields") + " with a brown infield", "the baseball diamond" + (fields == 1 ? " is" : "s are") + " surrounded by green grass");
        f.say(c, "white lines mark the edges of the field", "the infield is a brown fan of sand");
        f.say(c, "trees grow " + Words.where(c, s * 0.85, s * 0.15), "a clump of trees stands " + Words.where(c, s * 0.85, s * 0.15));
        f.targetPlace.put("car", "in the small parking lot " + Words.where(c, s * 0.84, s * 0.78));
    }

    /** An athletics track around a football pitch. */
    static void playground(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, new Color(150, 146, 138), 0.1, 32, 5);
        boolean vertical = c.chance(0.5);
        double w = s * c.r(0.6, 0.75), h = w * 0.55, x = (s - (vertical ? h : w)) / 2 + c.r(-10, 10), y = (s - (vertical ? w : h)) / 2 + c.r(-10, 10);
        double ww = vertical ? h : w, hh = vertical ? w : h;
        Shape track = new RoundRectangle2D.Double(x, y, ww, hh, Math.min(ww, hh), Math.min(ww, hh));
        String trackColour = c.pick(List.of("red", "red", "green", "blue"));
        Color tc = switch (trackColour) { case "green" -> new Color(70, 130, 80); case "blue" -> new Color(60, 100, 160); default -> new Color(170, 70, 55); };
        Texture.fill(c, track, tc, 0.06, 16, 4);
        double in = Math.min(ww, hh) * 0.16;
        for (int lane = 1; lane < 4; lane++) {
            double o = in * lane / 4;
            c.stroke(new RoundRectangle2D.Double(x + o, y + o, ww - 2 * o, hh - 2 * o, Math.min(ww, hh) - 2 * o, Math.min(ww, hh) - 2 * o), new Color(240, 230, 220), 0.5);
        }
        Shape pitch = new RoundRectangle2D.Double(x + in, y + in, ww - 2 * in, hh - 2 * in, Math.min(ww, hh) - 2 * in, Math.min(ww, hh) - 2 * in);
        Texture.fill(c, pitch, new Color(80, 140, 70), 0.1, 12, 4);
        c.stroke(vertical ? new Line2D.Double(x + in, y + hh / 2, x + ww - in, y + hh / 2) : new Line2D.Double(x + ww / 2, y + in, x + ww / 2, y + hh - in), Color.WHITE, 0.8);
        double cr = Math.min(ww, hh) * 0.12;
        c.stroke(new Ellipse2D.Double(x + ww / 2 - cr, y + hh / 2 - cr, 2 * cr, 2 * cr), Color.WHITE, 0.8);
        int buildings = c.i(1, 3);
        for (int k = 0; k < buildings; k++) Shapes.house(c, s * (0.1 + 0.35 * k), s * 0.06, s * 0.2, s * 0.09, 0, c.pick(ROOFS).colour());
        Shapes.grove(c, s * 0.9, s * 0.9, s * 0.07, 5, s * 0.03);
        f.say(c, "a " + trackColour + " running track surrounds a green football field", "the playground has a " + trackColour + " track and a football pitch in the middle",
                "an oval " + trackColour + " track with a soccer field inside");
        f.say(c, "the track is laid out " + (vertical ? "vertically" : "horizontally"), Words.count(c, buildings) + " " + Words.noun(buildings, "building") + (buildings == 1 ? " stands" : " stand")
                + " at the top of the playground");
        f.say(c, "some trees are in the bottom right corner", "a few trees grow near the playground");
        f.say(c, "the playground is " + Words.where(c, x + ww / 2, y + hh / 2) + " surrounded by gray ground",
                "the sports field lies " + Words.where(c, x + ww / 2, y + hh / 2), "the " + trackColour + " track is " + Words.where(c, x + ww / 2, y + hh / 2));
    }
}
