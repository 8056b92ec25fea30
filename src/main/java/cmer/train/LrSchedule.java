package cmer.train;

import cmer.core.TrainConfig;

/**
 * Learning rate per optimiser step: linear warm-up, then cosine decay to a floor. Pure, so resume and the
 * Studio's preview compute the same numbers; DJL gets it as a tracker lambda {@code n -> (float) s.lr(n)}.
 *
 * @param peak        learning rate reached at the end of warm-up
 * @param warmupSteps steps of linear warm-up (0 = none)
 * @param totalSteps  steps of the whole run (warm-up included)
 * @param floor       learning rate at {@code totalSteps} and after
 */
public record LrSchedule(double peak, long warmupSteps, long totalSteps, double floor) {
    public LrSchedule {
        if (!(peak > 0) || !(floor >= 0) || floor > peak) throw new IllegalArgumentException("need 0 <= floor <= peak, peak > 0: " + floor + ", " + peak);
        if (warmupSteps < 0 || totalSteps < 1) throw new IllegalArgumentException("need warmupSteps >= 0, totalSteps >= 1");
    }

    public static LrSchedule of(TrainConfig cfg, long totalSteps) {
        double lr = cfg.optim().lr();
        return new LrSchedule(lr, cfg.schedule().warmupSteps(), totalSteps, lr * cfg.schedule().minLrRatio());
    }

    /** @param step 0-based optimiser step about to be taken */
    public double lr(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / (warmupSteps + 1);       // warm-up: never exactly 0, reaches ~peak
        }
        if (step >= totalSteps) return floor;
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps); // 0 → 1 (here warmupSteps <= step < totalSteps)
        return floor + 0.5 * (1 + Math.cos(Math.PI * progress)) * (peak - floor); // cosine: peak → floor
    }
}
