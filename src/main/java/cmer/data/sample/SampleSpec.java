package cmer.data.sample;

/**
 * What {@code cmer sample generate} makes.
 *
 * @param seed  every pixel, caption and footprint follows from it
 * @param train images in the train split (then val, then test; image i has scene class i mod 18)
 * @param size  image side in pixels (about 1 m per pixel)
 */
public record SampleSpec(long seed, int train, int val, int test, int size) {
    /** The committed {@code sample-data/}: seed 7, 600/100/150 images of 192 px. */
    public static final SampleSpec DEFAULT = new SampleSpec(7, 600, 100, 150, 192);

    public SampleSpec {
        if (train < 0 || val < 0 || test < 0 || train + val + test == 0) throw new IllegalArgumentException("split sizes must be >= 0 and not all 0");
        if (size < 64 || size > 1024) throw new IllegalArgumentException("image size must be 64..1024 px: " + size);
    }

    public int total() { return train + val + test; }

    /** Split name of image {@code i}. */
    String split(int i) { return i < train ? "train" : i < train + val ? "val" : "test"; }
}
