package cmer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import cmer.nn.ClipModel;
import cmer.nn.Nn;
import java.util.Map;

/** {@code zero-shot}: the frozen backbone, nothing trained; the whole forward is "frozen" work. */
final class ZeroShotTuning extends Tuning {
    ZeroShotTuning(ClipModel clip, NDManager manager) {
        super(clip, manager);
        clip.freezeParameters(true);
    }

    @Override public NDList visionFrozen(NDArray images) { return new NDList(Nn.apply(clip.visual(), ps, false, images)); }

    @Override public NDList vision(NDList frozen, boolean training) { return new NDList(l2(frozen.head())); }

    @Override public NDList textFrozen(NDArray ids, NDArray eot) { return new NDList(Nn.apply(clip.text(), ps, false, ids)); }

    @Override public NDArray text(NDList frozen, boolean training) { return l2(frozen.head()); }

    @Override public Map<String, Parameter> trainable() { return Map.of(); }
}
