package cmer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import cmer.nn.Nn;

/**
 * A bottleneck adapter after a backbone block (PE-RSITR / HarMA style): {@code x + Up(GELU(Down(x)))},
 * Down D → D/r, Up D/r → D zero-initialised, so at step 0 the backbone is unchanged.
 * In/out (B, T, D). Names: down, up.
 */
final class Bottleneck extends AbstractBlock {
    private final Linear down, up;

    Bottleneck(int width, int reduction) {
        down = addChildBlock("down", Linear.builder().setUnits(Math.max(1, width / reduction)).build());
        up = addChildBlock("up", Linear.builder().setUnits(width).build());
        up.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);                  // identity at step 0
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray x = in.head();                                                        // (B, T, D)
        NDArray h = Activation.gelu(Nn.apply(down, ps, training, x));                 // (B, T, D/r)
        return new NDList(x.add(Nn.apply(up, ps, training, h)));                      // (B, T, D)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        down.initialize(manager, dataType, in[0]);
        up.initialize(manager, dataType, down.getOutputShapes(in)[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {in[0]}; }
}
