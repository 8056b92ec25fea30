package cmer.nn.side;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import cmer.core.CmerException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ladder side network: one {@link LadderStep} per tapped backbone layer, each merging its layer's
 * hidden states into the running side state. Input: the tapped hidden states h_1 … h_n, each (B, T, D),
 * in layer order, produced without autograd. Output: the side tokens s_n (B, T, d), d = D / r.
 * Children: step_0 … step_{n−1}.
 */
public final class LadderSide extends AbstractBlock {
    private final SideConfig cfg;
    private final List<LadderStep> steps = new ArrayList<>();

    public LadderSide(SideConfig cfg) {
        this.cfg = cfg;
        for (int i = 0; i < cfg.taps(); i++) steps.add(addChildBlock("step_" + i, new LadderStep(cfg)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList taps, boolean training, PairList<String, Object> params) {
        check(taps.getShapes());
        Shape h = taps.get(0).getShape();                                        // (B, T, D)
        NDArray s = taps.get(0).getManager().zeros(new Shape(h.get(0), h.get(1), cfg.sideWidth()),
                taps.get(0).getDataType(), taps.get(0).getDevice());             // (B, T, d): s_{-1} = 0
        for (int i = 0; i < steps.size(); i++) s = steps.get(i).forward(ps, new NDList(taps.get(i), s), training).head();
        return new NDList(s);                                                    // (B, T, d)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] taps) {
        check(taps);
        return new Shape[] {new Shape(taps[0].get(0), taps[0].get(1), cfg.sideWidth())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... taps) {
        check(taps);
        Shape s = getOutputShapes(taps)[0];                                      // (B, T, d)
        for (int i = 0; i < steps.size(); i++) steps.get(i).initialize(manager, dataType, taps[i], s);
    }

    private void check(Shape[] taps) {
        if (taps.length != cfg.taps()) throw new CmerException("side network: expected " + cfg.taps() + " tapped hidden states, got " + taps.length);
        for (int i = 0; i < taps.length; i++) {
            if (taps[i].dimension() != 3 || taps[i].get(2) != cfg.width() || !taps[i].slice(0, 2).equals(taps[0].slice(0, 2))) {
                throw new CmerException("side network: tap " + i + " has shape " + taps[i] + ", expected (B, T, " + cfg.width() + ") like tap 0 " + taps[0]);
            }
        }
    }
}
