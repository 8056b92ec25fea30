package cmer.data.sample;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/** Painters of land-cover and residential scenes: farmland, forest, residential, river, beach, meadow, desert, pond. */
final class NaturalScenes {
    private NaturalScenes() { }

    private static final List<Targets.Paint> CROPS = List.of(new Targets.Paint("green", new Color(96, 140, 60)),
            new Targets.Paint("yellow", new Color(196, 176, 96)), new Targets.Paint("brown", new Color(140, 110, 80)),
            new Targets.Paint("dark green", new Color(60, 100, 50)));
    private static final List<Targets.Paint> HOUSE_ROOFS = List.of(new Targets.Paint("red", new Color(168, 72, 56)),
            new Targets.Paint("gray", new Color(120, 120, 124)), new Targets.Paint("brown", new Color(120, 86, 62)),
            new Targets.Paint("white", new Color(210, 208, 200)));

    static void farmland(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, Shapes.SOIL, 0.1, 32, 4);
        int cols = c.i(2, 3), rows = c.i(2, 3);
        double[] xs = cuts(c, cols), ys = cuts(c, rows);
        int[] seen = new int[CROPS.size()];
        for (int i = 0; i < cols; i++)
            for (int j = 0; j < rows; j++) {
                int k = c.rnd.nextInt(CROPS.size());
                seen[k]++;
                Shape field = new Rectangle2D.Double(xs[i] + 1.5, ys[j] + 1.5, xs[i + 1] - xs[i] - 3, ys[j + 1] - ys[j] - 3);
                Shapes.field(c, field, c.jitter(CROPS.get(k).colour(), 8), c.chance(0.5) ? 0 : Math.PI / 2, c.r(2.5, 4.5));
            }
        String main = CROPS.get(argmax(seen)).word();
        boolean road = c.chance(0.5);
        if (road) Shapes.road(c, new Line2D.Double(xs[1], -5, xs[1], s + 5), s * 0.03, false);
        if (c.chance(0.4)) Shapes.house(c, s * c.r(0.1, 0.9), s * c.r(0.1, 0.9), s * 0.08, s * 0.05, 0, c.pick(HOUSE_ROOFS).colour());
        f.say(c, "the farmland is divided into " + Words.count(c, cols * rows) + " rectangular fields", "a patchwork of " + Words.count(c, cols * rows) + " fields");
        f.say(c, "most of the fields are " + main, "many " + main + " fields with parallel furrows", "the " + main + " crops grow in straight lines");
        f.say(c, road ? "a narrow road runs between the fields" : "thin paths separate the fields", "the fields have different colors");
        f.say(c, "the fields are arranged in " + Words.count(c, rows) + " rows and " + Words.count(c, cols) + " columns",
                Words.count(c, cols) + " columns of fields side by side", "the plots form a grid of " + Words.count(c, rows) + " by " + Words.count(c, cols));
    }

    static void forest(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, new Color(48, 66, 38), 0.2, 24, 6);
        boolean path = c.chance(0.4);
        int trees = c.i(220, 320);
        for (int k = 0; k < trees; k++) Shapes.tree(c, c.r(-5, s + 5), c.r(-5, s + 5), s * c.r(0.02, 0.045));
        if (path) Shapes.road(c, Shapes.meander(c, c.chance(0.5), s * 0.2), s * 0.025, false);
        boolean clearing = c.chance(0.4);
        double cx = s * c.r(0.25, 0.75), cy = s * c.r(0.25, 0.75);
        if (clearing) Texture.fill(c, new Ellipse2D.Double(cx - s * 0.12, cy - s * 0.09, s * 0.24, s * 0.18), Shapes.GRASS, 0.15, 12, 5);
        f.say(c, "a dense forest of dark green trees", "the forest is full of tall trees", "many trees are densely packed together",
                "thick woods cover the land", "a large area of dense woodland");
        String patch = Words.where(c, c.r(0, c.size), c.r(0, c.size));
        f.say(c, "the canopy is darker " + patch, "some trees " + patch + " are darker than the rest", "a patch of darker trees " + patch);
        f.say(c, path ? "a narrow path winds through the forest" : "the trees cover the whole image", "the tree crowns are dark green and close together");
        if (clearing) f.say(c, "there is a small clearing " + Words.where(c, cx, cy), "a grassy clearing opens " + Words.where(c, cx, cy));
    }

    static void denseresidential(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, new Color(130, 128, 120), 0.1, 32, 5);
        var roof = c.pick(HOUSE_ROOFS);
        int houses = 0;
        for (double y = s * 0.08; y < s; y += s * 0.25) {
            Shapes.road(c, new Line2D.Double(-5, y + s * 0.17, s + 5, y + s * 0.17), s * 0.045, false);
            for (double x = s * 0.04; x < s - s * 0.08; x += s * c.r(0.1, 0.13)) {
                var r = c.chance(0.7) ? roof : c.pick(HOUSE_ROOFS);
                Shapes.house(c, x + s * 0.05, y + s * 0.04, s * 0.08, s * 0.1, Math.PI / 2, r.colour());
                houses++;
            }
        }
        int cars = c.i(2, 8);
        for (int k = 0; k < cars; k++) Targets.car(c, s * c.r(0.05, 0.95), s * (0.25 + 0.25 * c.i(0, 2)) + c.r(-2, 2), 0, c.pick(Targets.CAR_PAINTS));
        if (c.chance(0.5)) Shapes.grove(c, s * c.r(0.2, 0.8), s * c.r(0.2, 0.8), s * 0.05, 3, s * 0.025);
        f.say(c, "many houses are closely arranged in rows", "a dense residential area with " + Words.count(c, houses) + " buildings", "lots of houses packed tightly together");
        f.say(c, "most roofs are " + roof.word(), "the houses have " + roof.word() + " roofs", "rows of " + roof.word() + "-roofed houses");
        f.say(c, "parallel streets run horizontally between the houses", "straight roads separate the rows of buildings");
        f.targetPlace.put("car", c.pick(List.of("on the streets", "along the roads")));
    }

    static void sparseresidential(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, Shapes.GRASS, 0.18, 40, 5);
        Path2D road = Shapes.meander(c, c.chance(0.5), s * 0.25);
        Shapes.road(c, road, s * 0.04, false);
        int houses = c.i(3, 7), pools = 0;
        var roof = c.pick(HOUSE_ROOFS);
        for (int k = 0; k < houses; k++) {
            double x = s * c.r(0.12, 0.88), y = s * c.r(0.12, 0.88);
            Shapes.house(c, x, y, s * c.r(0.1, 0.14), s * c.r(0.07, 0.1), c.r(-0.3, 0.3), (c.chance(0.7) ? roof : c.pick(HOUSE_ROOFS)).colour());
            if (c.chance(0.3)) {
                c.fill(new Rectangle2D.Double(x + s * 0.08, y - s * 0.02, s * 0.05, s * 0.035), new Color(70, 170, 200));
                pools++;
            }
        }
        int trees = c.i(8, 20);
        for (int k = 0; k < trees; k++) Shapes.tree(c, s * c.r(0, 1), s * c.r(0, 1), s * c.r(0.025, 0.045));
        int cars = c.i(0, 3);
        for (int k = 0; k < cars; k++) Targets.car(c, s * c.r(0.15, 0.85), s * c.r(0.15, 0.85), c.r(0, Math.PI), c.pick(Targets.CAR_PAINTS));
        f.say(c, Words.count(c, houses) + " houses are scattered among green trees", "a sparse residential area with " + Words.count(c, houses) + " detached houses",
                "several houses with " + roof.word() + " roofs stand far apart");
        f.say(c, "a curved road passes through the area", "the houses are connected by a winding road");
        f.say(c, pools > 0 ? Words.count(c, pools) + " blue swimming " + Words.noun(pools, "pool") + " next to the houses" : "green lawns and trees surround every house",
                "lots of green trees grow around the houses");
        f.targetPlace.put("car", c.pick(List.of("near the houses", "in the yards")));
    }

    static void river(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, Shapes.GRASS, 0.16, 40, 5);
        boolean vertical = c.chance(0.5);
        Path2D r = Shapes.meander(c, vertical, s * 0.3);
        if (c.chance(0.5)) Shapes.field(c, new Rectangle2D.Double(0, 0, s * 0.35, s * 0.35), c.pick(CROPS).colour(), 0.3, 3.5);
        Shapes.water(c, Shapes.band(r, s * c.r(0.16, 0.26)));
        int trees = c.i(10, 25);
        for (int k = 0; k < trees; k++) {
            double t = c.r(0, 1);
            Shapes.tree(c, vertical ? s * c.r(0, 1) : s * t, vertical ? s * t : s * c.r(0, 1), s * c.r(0.02, 0.035));
        }
        if (c.chance(0.5)) Targets.ship(c, vertical ? s * 0.5 : s * 0.5, s * 0.5, vertical ? Math.PI / 2 : 0, s * c.r(0.06, 0.09), c.pick(Targets.SHIP_PAINTS), true);
        f.say(c, "a winding river flows " + (vertical ? "from top to bottom" : "from left to right"), "the river curves " + (vertical ? "vertically" : "horizontally") + " through green land");
        f.say(c, "trees grow along both banks of the river", "green grassland lies on both sides of the dark river");
        f.say(c, "the river is dark blue and quite wide", "the water of the river looks calm");
        f.targetPlace.put("ship", c.pick(List.of("on the river", "in the middle of the river")));
    }

    static void beach(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, new Color(104, 130, 74), 0.18, 32, 5);
        boolean seaTop = c.chance(0.5);
        double a = s * c.r(0.35, 0.55), b = s * c.r(0.35, 0.55);
        Path2D sand = new Path2D.Double(), sea = new Path2D.Double();
        double sandW = s * c.r(0.18, 0.26);
        sand.moveTo(-5, a); sand.quadTo(s / 2, (a + b) / 2 + c.r(-15, 15), s + 5, b);
        sand.lineTo(s + 5, b + (seaTop ? sandW : -sandW)); sand.quadTo(s / 2, (a + b) / 2 + (seaTop ? sandW : -sandW), -5, a + (seaTop ? sandW : -sandW)); sand.closePath();
        Texture.fill(c, sand, Shapes.SAND, 0.08, 24, 6);
        sea.moveTo(-5, a); sea.quadTo(s / 2, (a + b) / 2, s + 5, b);
        sea.lineTo(s + 5, seaTop ? -5 : s + 5); sea.lineTo(-5, seaTop ? -5 : s + 5); sea.closePath();
        Texture.fill(c, sea, new Color(40, 100, 130), 0.12, 32, 3);
        for (int k = 1; k <= 3; k++) {                                                // surf lines parallel to the shore
            double o = (seaTop ? -1 : 1) * k * s * 0.03;
            c.stroke(new QuadCurve2D.Double(-5, a + o, s / 2, (a + b) / 2 + o, s + 5, b + o), new Color(240, 245, 245, 150 - 35 * k), 1.4);
        }
        int umbrellas = c.i(0, 8);
        for (int k = 0; k < umbrellas; k++) {
            double x = s * c.r(0.05, 0.95), y = a + (b - a) * x / s + (seaTop ? 1 : -1) * sandW * c.r(0.3, 0.7);
            c.fill(new Ellipse2D.Double(x - 2, y - 2, 4, 4), c.pick(List.of(Color.RED, Color.YELLOW, Color.BLUE, Color.WHITE)));
        }
        if (c.chance(0.4)) Targets.ship(c, s * c.r(0.2, 0.8), seaTop ? s * 0.12 : s * 0.88, c.r(0, 3), s * c.r(0.06, 0.1), c.pick(Targets.SHIP_PAINTS), true);
        String seaSide = seaTop ? "top" : "bottom";
        f.say(c, "the sea is at the " + seaSide + " and waves wash the sandy beach", "a yellow beach lies between the " + (seaTop ? "blue sea above" : "blue sea below") + " and green land");
        f.say(c, "white waves run parallel to the coastline", "a curved line of white surf along the beach");
        f.say(c, umbrellas > 0 ? Words.count(c, umbrellas) + " colorful " + Words.noun(umbrellas, "umbrella") + (umbrellas == 1 ? " stands" : " stand") + " on the sand" : "the beach is empty", "green vegetation grows behind the beach");
        f.targetPlace.put("ship", "on the sea");
    }

    static void meadow(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, new Color(110, 140, 70), 0.25, 48, 6);
        int trees = c.i(0, 6);
        for (int k = 0; k < trees; k++) Shapes.tree(c, s * c.r(0.05, 0.95), s * c.r(0.05, 0.95), s * c.r(0.025, 0.04));
        if (c.chance(0.4)) Shapes.road(c, Shapes.meander(c, c.chance(0.5), s * 0.3), s * 0.015, false);
        f.say(c, "a large green meadow", "the grassland is wide and flat", "a vast piece of green grass");
        f.say(c, trees == 0 ? "there are no trees on the meadow" : Words.count(c, trees) + " " + Words.noun(trees, "tree") + " stand on the grass",
                trees == 0 ? "only grass can be seen" : "a few scattered trees grow on the meadow");
        f.say(c, "the grass is light and dark green in patches", "patches of different shades of green");
        String lush = Words.where(c, c.r(0, s), c.r(0, s));
        f.say(c, "the grass is greener " + lush, "a lush green patch " + lush, "the meadow looks darker " + lush);
    }

    static void desert(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, new Color(214, 186, 140), 0.12, 48, 4);
        double ang = c.r(-0.6, 0.6);
        for (int k = 0; k < 9; k++) {                                                  // dune crests: lit and shaded sides
            double y = s * (k + c.r(0, 0.6)) / 8;
            Path2D crest = new Path2D.Double();
            crest.moveTo(-10, y); crest.curveTo(s * 0.3, y + c.r(-14, 14) + s * Math.tan(ang) * 0.3, s * 0.6, y + c.r(-14, 14), s + 10, y + s * Math.tan(ang));
            c.g.translate(2, 3);
            c.stroke(crest, new Color(170, 135, 95, 60), 9);                          // shaded lee side
            c.stroke(crest, new Color(160, 125, 85, 80), 4);
            c.g.translate(-3, -4.5);
            c.stroke(crest, new Color(245, 225, 190, 90), 5);                         // lit windward side
            c.g.translate(1, 1.5);
        }
        int shrubs = c.i(0, 15);
        for (int k = 0; k < shrubs; k++) c.fill(new Ellipse2D.Double(s * c.r(0, 1), s * c.r(0, 1), 2.5, 2.5), new Color(90, 90, 60));
        f.say(c, "the desert is covered with yellow sand dunes", "rolling dunes of sand fill the image", "a yellow desert with wavy dunes");
        f.say(c, shrubs > 5 ? "a few small dark shrubs dot the sand" : "there is almost no vegetation", "the dunes form parallel ridges");
        String dir = ang > 0.2 ? "from the upper left to the lower right" : ang < -0.2 ? "from the lower left to the upper right" : "horizontally";
        f.say(c, "the dune ridges run " + dir, "long sand ridges stretch " + dir, "wind-shaped dunes lie " + dir + " across the desert");
    }

    static void pond(Canvas c, Facts f) {
        double s = c.size;
        Texture.ground(c, Shapes.GRASS, 0.18, 40, 5);
        double cx = s * c.r(0.35, 0.65), cy = s * c.r(0.35, 0.65), rx = s * c.r(0.18, 0.3), ry = s * c.r(0.15, 0.25);
        Path2D blob = new Path2D.Double();
        int n = 10;
        for (int k = 0; k <= n; k++) {
            double t = 2 * Math.PI * (k % n) / n, rr = c.r(0.85, 1.15);
            double x = cx + rx * rr * Math.cos(t), y = cy + ry * rr * Math.sin(t);
            if (k == 0) blob.moveTo(x, y); else blob.lineTo(x, y);
        }
        blob.closePath();
        Shapes.water(c, blob);
        int trees = c.i(6, 16);
        for (int k = 0; k < trees; k++) {
            double t = c.r(0, 2 * Math.PI);
            Shapes.tree(c, cx + (rx + s * 0.07) * Math.cos(t), cy + (ry + s * 0.07) * Math.sin(t), s * c.r(0.02, 0.035));
        }
        if (c.chance(0.4)) Targets.ship(c, cx, cy, c.r(0, 3), s * 0.05, c.pick(Targets.SHIP_PAINTS), false);
        f.say(c, "a pond lies " + Words.where(c, cx, cy), "there is a dark pond " + Words.where(c, cx, cy), "an irregular pond " + Words.where(c, cx, cy) + " of the image");
        f.say(c, "trees surround the pond", "green trees grow around the water");
        f.say(c, "the pond is surrounded by green grass", "green lawns lie around the pond");
        f.targetPlace.put("ship", "on the pond");
    }

    /** {@code n} column/row boundaries across the image, the first at 0 and the last at the size. */
    private static double[] cuts(Canvas c, int n) {
        double[] out = new double[n + 1];
        out[n] = c.size;
        for (int k = 1; k < n; k++) out[k] = c.size * (k + c.r(-0.25, 0.25)) / n;
        return out;
    }

    private static int argmax(int[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
        return best;
    }
}
