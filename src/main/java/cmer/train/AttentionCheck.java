package cmer.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import cmer.core.CmerException;
import cmer.data.ImageRecord;
import cmer.data.TargetBox;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Does the focus layer look at the small targets? For each image with ground-truth boxes: the fraction of the
 * saliency mass a (B, N) that falls inside the boxes, against the fraction of the (model-input) image the boxes
 * cover. A focus layer that ignored the targets would give about the coverage; one that finds them, more.
 * Each patch's share inside the boxes is measured on an 8×8 grid of points mapped back to the original pixels
 * through ModelInput's resize + centre crop.
 *
 * @param images         images with at least one target
 * @param saliencyInside mean over images of the saliency mass inside the boxes
 * @param coverage       mean over images of the fraction of the image inside the boxes
 */
public record AttentionCheck(int images, double saliencyInside, double coverage) {
    private static final int SAMPLES = 8;

    /** Runs the check over the {@code images} that have boxes; the tuning must produce a saliency (method cmer). */
    public static AttentionCheck of(Tuning t, TrainData data, List<ImageRecord> images, Map<String, List<TargetBox>> boxes, NDManager root) {
        List<ImageRecord> with = new ArrayList<>();
        for (ImageRecord r : images) if (!targets(r, boxes).isEmpty()) with.add(r);
        if (with.isEmpty()) throw new CmerException("attention check: none of the " + images.size() + " images has target boxes", CmerException.BAD_INPUT, null);
        double inside = 0, cover = 0;
        int s = data.imageSize();
        for (int i = 0; i < with.size(); i += Evaluator.BATCH) {
            List<ImageRecord> batch = with.subList(i, Math.min(i + Evaluator.BATCH, with.size()));
            try (NDManager scope = root.newSubManager()) {
                NDList out = t.vision(t.visionFrozen(data.evalImages(batch, scope)), false);
                if (out.size() < 2) throw new CmerException("attention check needs a model with a focus layer (method cmer)", CmerException.USAGE, null);
                float[] a = out.get(1).toFloatArray();                                 // (B, N) row-major
                int n = (int) out.get(1).getShape().get(1), g = (int) Math.round(Math.sqrt(n));
                for (int b = 0; b < batch.size(); b++) {
                    BufferedImage im = data.image(batch.get(b)).orElseThrow();
                    double[] in = insideShare(im.getWidth(), im.getHeight(), s, g, targets(batch.get(b), boxes));
                    double mass = 0, area = 0;
                    for (int p = 0; p < n; p++) {
                        mass += a[b * n + p] * in[p];
                        area += in[p] / n;
                    }
                    inside += mass;
                    cover += area;
                }
            }
        }
        return new AttentionCheck(with.size(), inside / with.size(), cover / with.size());
    }

    /** Per patch (row-major g×g), the share of its area inside any box, for an original w×h image shown at s×s. */
    static double[] insideShare(int w, int h, int s, int g, List<TargetBox> boxes) {
        double scale = (double) s / Math.min(w, h);
        double ox = (Math.max(s, Math.round(w * scale)) - s) / 2.0, oy = (Math.max(s, Math.round(h * scale)) - s) / 2.0;
        double patch = (double) s / g;
        double[] share = new double[g * g];
        for (int pr = 0; pr < g; pr++) for (int pc = 0; pc < g; pc++) {
            int hit = 0;
            for (int u = 0; u < SAMPLES; u++) for (int v = 0; v < SAMPLES; v++) {
                double mx = (pc + (v + 0.5) / SAMPLES) * patch, my = (pr + (u + 0.5) / SAMPLES) * patch;   // model-input pixel
                double x = (mx + ox) / scale, y = (my + oy) / scale;                                          // original pixel
                for (TargetBox bx : boxes) {
                    if (x >= bx.x() && x < bx.x() + bx.width() && y >= bx.y() && y < bx.y() + bx.height()) { hit++; break; }
                }
            }
            share[pr * g + pc] = hit / (double) (SAMPLES * SAMPLES);
        }
        return share;
    }

    private static List<TargetBox> targets(ImageRecord r, Map<String, List<TargetBox>> boxes) {
        List<TargetBox> b = boxes.get(r.id());
        if (b == null) b = boxes.get("images/" + r.path().getFileName());
        return b == null ? List.of() : b;
    }
}
