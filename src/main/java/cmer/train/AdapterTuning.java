package cmer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import cmer.nn.ClipModel;
import cmer.nn.ParameterPaths;
import cmer.nn.Tower;
import cmer.nn.Transformer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code adapter}: a {@link Bottleneck} after every block of both towers (through the Transformer's
 * {@link Transformer#AFTER_LAYER} hook); the backbone is frozen, but the gradient of an early adapter flows
 * back through every later frozen block, so activations are kept as in full fine-tuning (few trainable
 * parameters, not much less memory). Names: {@code adapter.visual.<i>.down.weight}, …
 */
final class AdapterTuning extends Tuning {
    private final List<Bottleneck> visual = new ArrayList<>(), text = new ArrayList<>();
    private final Map<String, Parameter> trainable = new LinkedHashMap<>();

    AdapterTuning(ClipModel clip, NDManager manager, int reduction) {
        super(clip, manager);
        freezeBackbone(clip);
        build(clip.visual(), "visual", visual, manager, reduction);
        build(clip.text(), "text", text, manager, reduction);
        trainable.putAll(logitScaleOnly(clip));
    }

    private void build(Tower tower, String name, List<Bottleneck> out, NDManager manager, int reduction) {
        for (int i = 0; i < tower.layers(); i++) {
            Bottleneck b = new Bottleneck(tower.width(), reduction);
            b.initialize(manager, DataType.FLOAT32, new Shape(1, 1, tower.width()));
            out.add(b);
            int layer = i;
            ParameterPaths.of(b).forEach((k, p) -> trainable.put("adapter." + name + "." + layer + "." + k, p));
        }
    }

    private PairList<String, Object> hook(List<Bottleneck> adapters, boolean training) {
        BiFunction<Integer, NDArray, NDArray> f = (i, x) -> adapters.get(i).forward(ps, new NDList(x), training).head();
        PairList<String, Object> p = new PairList<>();
        p.add(Transformer.AFTER_LAYER, f);
        return p;
    }

    @Override public NDList visionFrozen(NDArray images) { return new NDList(images); }

    @Override
    public NDList vision(NDList frozen, boolean training) {
        return new NDList(l2(clip.visual().forward(ps, frozen, training, hook(visual, training)).head()));
    }

    @Override public NDList textFrozen(NDArray ids, NDArray eot) { return new NDList(ids); }

    @Override
    public NDArray text(NDList frozen, boolean training) {
        return l2(clip.text().forward(ps, frozen, training, hook(text, training)).head());
    }

    @Override public Map<String, Parameter> trainable() { return trainable; }
}
