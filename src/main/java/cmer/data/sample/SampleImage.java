package cmer.data.sample;

import cmer.data.TargetBox;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One generated scene: pixels, captions and ground-truth targets. Everything comes from the image's own random
 * stream (seed, index), so any image can be regenerated alone, byte for byte.
 */
record SampleImage(int index, String scene, BufferedImage image, List<String> captions, List<TargetBox> targets) {

    static SampleImage paint(long seed, int index, int size) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 1);
        SceneCatalog.SceneClass cls = SceneCatalog.CLASSES.get(index % SceneCatalog.CLASSES.size());
        Canvas c = new Canvas(size, rnd);
        Facts f = new Facts(cls.name());
        try {
            cls.painter().accept(c, f);
            Texture.finish(c, 5);
        } finally {
            c.dispose();
        }
        return new SampleImage(index, cls.name(), c.image, Captions.write(c, f), List.copyOf(c.targets));
    }
}
