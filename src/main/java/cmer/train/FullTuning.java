package cmer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import cmer.nn.ClipModel;
import cmer.nn.Nn;
import cmer.nn.ParameterPaths;
import java.util.Map;

/** {@code full-ft}: every backbone parameter trains; backprop through both towers (the memory/throughput reference). */
final class FullTuning extends Tuning {
    FullTuning(ClipModel clip, NDManager manager) {
        super(clip, manager);
        clip.freezeParameters(false);
    }

    @Override public NDList visionFrozen(NDArray images) { return new NDList(images); }

    @Override public NDList vision(NDList frozen, boolean training) { return new NDList(l2(Nn.apply(clip.visual(), ps, training, frozen.head()))); }

    @Override public NDList textFrozen(NDArray ids, NDArray eot) { return new NDList(ids); }

    @Override public NDArray text(NDList frozen, boolean training) { return l2(Nn.apply(clip.text(), ps, training, frozen.head())); }

    @Override public Map<String, Parameter> trainable() { return ParameterPaths.of(clip); }
}
