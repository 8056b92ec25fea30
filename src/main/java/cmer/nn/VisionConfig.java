package cmer.nn;

/**
 * A CLIP vision tower (ViT).
 *
 * @param imageSize  input side in pixels (square images)
 * @param patchSize  side of one patch; {@code imageSize} must be a multiple of it
 * @param width      token width D
 * @param layers     residual attention blocks
 * @param headWidth  width of one attention head (64 in every CLIP and BERT release)
 * @param mlpWidth   hidden width of the MLP (4·D in CLIP)
 * @param activation MLP non-linearity
 */
public record VisionConfig(int imageSize, int patchSize, int width, int layers, int headWidth, int mlpWidth,
                           Activation activation) {
    public VisionConfig {
        positive("vision.imageSize", imageSize);
        positive("vision.patchSize", patchSize);
        positive("vision.layers", layers);
        positive("vision.mlpWidth", mlpWidth);
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("vision.imageSize " + imageSize + " is not a multiple of vision.patchSize " + patchSize);
        }
        heads("vision", width, headWidth);
        if (activation == null) throw new IllegalArgumentException("vision.activation is missing: expected quick_gelu or gelu");
    }

    public int heads() { return width / headWidth; }

    /** Patches per side. */
    public int grid() { return imageSize / patchSize; }

    /** Tokens per image: one class token plus grid² patches. */
    public int tokens() { return grid() * grid() + 1; }

    static void positive(String name, int v) {
        if (v <= 0) throw new IllegalArgumentException(name + " must be positive, got " + v);
    }

    static void heads(String tower, int width, int headWidth) {
        positive(tower + ".width", width);
        positive(tower + ".headWidth", headWidth);
        if (width % headWidth != 0) {
            throw new IllegalArgumentException(tower + ".width " + width + " is not a multiple of " + tower + ".headWidth " + headWidth);
        }
    }
}
