package cmer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import cmer.data.CaptionPair;
import cmer.data.ImageRecord;
import cmer.data.Split;
import cmer.eval.RetrievalMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluation of a split by the protocol of CMER-METHOD.md: embed every image and every caption of the
 * split (no gradient, batches in their own scopes), then {@link RetrievalMetrics}.
 */
public final class Evaluator {
    static final int BATCH = 64;

    private Evaluator() { }

    /** A split as the protocol sees it: its images (with at least one usable caption), its captions, caption → image. */
    public record SplitSet(String name, List<ImageRecord> images, List<String> captions, int[] capToImg) {
        public boolean isEmpty() { return captions.isEmpty(); }
    }

    public static SplitSet of(TrainData data, String name) {
        Split split = data.split(name);
        Map<String, Integer> index = new LinkedHashMap<>();
        List<ImageRecord> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (CaptionPair p : data.usable(split)) {
            Integer i = index.get(p.image().id());
            if (i == null) {
                i = images.size();
                index.put(p.image().id(), i);
                images.add(p.image());
            }
            captions.add(p.caption());
            owner.add(i);
        }
        return new SplitSet(name, images, captions, owner.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Embeddings of a split: images (I, E) and captions (C, E), L2-normalised, in {@code scope}. */
    public static NDArray[] embed(Tuning t, TrainData data, SplitSet s, NDManager scope) {
        List<NDArray> img = new ArrayList<>(), txt = new ArrayList<>();
        for (int i = 0; i < s.images().size(); i += BATCH) {
            try (NDManager b = scope.newSubManager()) {
                NDArray x = data.evalImages(s.images().subList(i, Math.min(i + BATCH, s.images().size())), b);
                NDArray e = t.vision(t.visionFrozen(x), false).head();                    // (b, E)
                e.attach(scope);
                img.add(e);
            }
        }
        for (int i = 0; i < s.captions().size(); i += BATCH) {
            try (NDManager b = scope.newSubManager()) {
                NDArray[] ids = data.evalTexts(s.captions().subList(i, Math.min(i + BATCH, s.captions().size())), b);
                NDArray e = t.text(t.textFrozen(ids[0], ids[1]), false);                   // (b, E)
                e.attach(scope);
                txt.add(e);
            }
        }
        return new NDArray[] {NDArrays.concat(new NDList(img)), NDArrays.concat(new NDList(txt))};
    }

    public static RetrievalMetrics.Recalls evaluate(Tuning t, TrainData data, SplitSet s, NDManager root) {
        try (NDManager scope = root.newSubManager()) {
            NDArray[] e = embed(t, data, s, scope);
            return RetrievalMetrics.of(e[0], e[1], s.capToImg());
        }
    }
}
