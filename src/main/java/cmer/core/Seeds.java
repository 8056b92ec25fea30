package cmer.core;

import java.util.SplittableRandom;

/**
 * Every random choice of a run is derived from (seed, purpose, counters), never from a generator that
 * carries hidden state across steps. A checkpoint therefore needs only the seed and the step to resume
 * exactly, and the same caption gets the same augmentation whatever the batch order.
 */
public final class Seeds {
    /** Purposes, so that two uses of the same counters draw independent numbers. */
    public static final long DATA_ORDER = 1, SCENE_AUG = 2, INIT = 3, DROPOUT = 4, OTHER = 5;

    private Seeds() { }

    /** A fresh generator for (seed, purpose, counters…): same inputs, same stream. */
    public static SplittableRandom random(long seed, long purpose, long... counters) {
        return new SplittableRandom(mix(seed, purpose, counters));
    }

    /** Folds the inputs through SplitMix64's finaliser (a bijection with good avalanche). */
    public static long mix(long seed, long purpose, long... counters) {
        long h = fmix(seed ^ 0x9E3779B97F4A7C15L) ^ fmix(purpose + 0x632BE59BD9B4E019L);
        for (long c : counters) h = fmix(h + 0x9E3779B97F4A7C15L) ^ fmix(c);
        return fmix(h);
    }

    static long fmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
