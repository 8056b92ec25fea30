package cmer.nn.side;

import cmer.core.TrainConfig;

/**
 * The shape of one side network (validated here so a bad combination fails before any tensor exists).
 *
 * @param width      D, the backbone's hidden width (input of Down, output of Up)
 * @param taps       number of tapped backbone layers (ladder steps)
 * @param reduction  r: the side width is D / r
 * @param heads      attention heads of the side transformer blocks (must divide D / r)
 * @param mlpRatio   hidden width of the side MLP = mlpRatio · D / r
 * @param focusLayer vision only: the focus layer on (else uniform saliency, no re-weighting)
 * @param focusPool  vision only: pool side patch tokens with the saliency (else their mean)
 * @param lambdaInit initial λ in f = CLS + λ·Up(pool); when 0, Up is randomly initialised instead of zero
 * @param causal     text only: causal self-attention in the side blocks, as in CLIP's text tower
 */
public record SideConfig(int width, int taps, int reduction, int heads, int mlpRatio, boolean focusLayer,
                         boolean focusPool, double lambdaInit, boolean causal) {
    public SideConfig {
        if (width <= 0 || taps <= 0 || reduction <= 0 || heads <= 0 || mlpRatio <= 0) {
            throw new IllegalArgumentException("side network: width, taps, reduction, heads, mlpRatio must be > 0: "
                    + width + ", " + taps + ", " + reduction + ", " + heads + ", " + mlpRatio);
        }
        if (width % reduction != 0) throw new IllegalArgumentException("side network: width " + width + " is not a multiple of reduction " + reduction);
        if ((width / reduction) % heads != 0) {
            throw new IllegalArgumentException("side network: side width " + width + "/" + reduction + " = " + width / reduction + " is not a multiple of heads " + heads);
        }
    }

    /** d = D / r. */
    public int sideWidth() { return width / reduction; }

    public static SideConfig vision(TrainConfig.Side s, int width, int taps) {
        return new SideConfig(width, taps, s.reduction(), s.heads(), 4, s.focusLayer(), s.focusPool(), s.lambdaInit(), false);
    }

    public static SideConfig text(TrainConfig.Side s, int width, int taps) {
        return new SideConfig(width, taps, s.reduction(), s.heads(), 4, false, false, s.lambdaInit(), true);
    }
}
