package cmer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import cmer.core.TrainConfig;
import cmer.nn.ClipModel;
import cmer.nn.Tower;
import cmer.nn.TowerTaps;
import cmer.nn.side.SideNetworks;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code cmer} (CMER-METHOD.md): the frozen backbone runs without autograd and hands the hidden states of
 * the tapped layers to the side networks (vision: Focus-Adapter; text: per {@code text-adapter}); their
 * output goes through the frozen {@code ln_post}/{@code ln_final} and projection, then L2 normalisation.
 * At step 0 this equals the frozen backbone. Names: {@code vision.<side name>}, {@code text.<side name>}.
 */
final class CmerTuning extends Tuning {
    private final Block visionSide, textSide;
    private final int[] visionTaps, textTaps;                 // 0-based layer indices
    private final Map<String, Parameter> trainable = new LinkedHashMap<>();

    CmerTuning(ClipModel clip, NDManager manager, TrainConfig.Side side) {
        super(clip, manager);
        freezeBackbone(clip);
        Tower v = clip.visual(), t = clip.text();
        visionTaps = zeroBased(side.tapLayers(v.layers()));
        textTaps = zeroBased(side.tapLayers(t.layers()));
        visionSide = SideNetworks.vision(side, v.width(), visionTaps.length);
        textSide = SideNetworks.text(side, t.width(), textTaps.length);
        Shape[] vs = new Shape[visionTaps.length];
        Arrays.fill(vs, new Shape(1, clip.config().vision().tokens(), v.width()));         // (B, T, D) per tap
        visionSide.initialize(manager, DataType.FLOAT32, vs);
        Shape[] ts = new Shape[textTaps.length + 1];
        Arrays.fill(ts, new Shape(1, clip.config().contextLength(), t.width()));
        ts[0] = new Shape(1);                                                              // eot (B)
        textSide.initialize(manager, DataType.FLOAT32, ts);
        SideNetworks.namedParameters(visionSide, "vision").forEach(trainable::put);
        SideNetworks.namedParameters(textSide, "text").forEach(trainable::put);
        trainable.putAll(logitScaleOnly(clip));
    }

    private static int[] zeroBased(int[] oneBased) { return Arrays.stream(oneBased).map(l -> l - 1).toArray(); }

    @Override
    public NDList visionFrozen(NDArray images) {
        TowerTaps taps = clip.visual().forwardIntermediates(ps, images, visionTaps, -1);
        return new NDList(taps.hidden());                                                  // n × (B, T, D)
    }

    @Override
    public NDList vision(NDList frozen, boolean training) {
        NDList out = visionSide.forward(ps, frozen, training);                             // f (B, D), saliency (B, N)
        NDArray emb = l2(clip.visual().head(ps, out.get(0), training));                    // (B, E)
        return new NDList(emb, out.get(1));
    }

    @Override
    public NDList textFrozen(NDArray ids, NDArray eot) {
        TowerTaps taps = clip.text().forwardIntermediates(ps, ids, textTaps, -1);
        NDList in = new NDList(eot);
        in.addAll(taps.hidden());                                                          // eot, n × (B, T, D)
        return in;
    }

    @Override
    public NDArray text(NDList frozen, boolean training) {
        NDArray f = textSide.forward(ps, frozen, training).head();                         // (B, D)
        return l2(clip.text().head(ps, f, training));                                      // (B, E)
    }

    @Override public Map<String, Parameter> trainable() { return trainable; }

    /** The tapped 1-based layers of the image tower, for the log. */
    int[] visionTapLayers() { return Arrays.stream(visionTaps).map(l -> l + 1).toArray(); }
}
