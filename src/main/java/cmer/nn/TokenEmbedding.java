package cmer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A lookup table {@code weight} (V, D), PyTorch's {@code nn.Embedding}. DJL's own embeddings carry a vocabulary
 * object and name the table "embedding"; checkpoints only ever hold the table.
 */
public final class TokenEmbedding extends AbstractBlock {
    private final long vocab, width;
    private final Parameter weight;

    public TokenEmbedding(long vocab, long width) {
        this.vocab = vocab;
        this.width = width;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.OTHER)
                .optShape(new Shape(vocab, width)).optInitializer(new NormalInitializer(0.02f)).build());
    }

    /** (B, T) integer ids → (B, T, D). */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray ids = in.head();
        return new NDList(Nn.lookup(ids, ps.getValue(weight, ids.getDevice(), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {in[0].add(width)}; }

    public long vocab() { return vocab; }
}
