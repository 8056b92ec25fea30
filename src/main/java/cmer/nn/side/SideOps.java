package cmer.nn.side;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** Small helpers so that forwardInternal reads like the math. */
final class SideOps {
    private SideOps() { }

    /** Runs a child block on one array and returns its first output. */
    static NDArray apply(Block b, ParameterStore ps, boolean training, NDArray... x) {
        return b.forward(ps, new NDList(x), training).head();
    }

    /**
     * A parameter's value as an array in {@code like}'s manager (the step scope), still connected to the
     * parameter for autograd. Ops whose first operand is a parameter would attach their results to the
     * model's manager and leak every step (STACK.md); {@code zeros.add(p)} keeps them in the scope.
     */
    static NDArray lift(NDArray like, NDArray p) {
        return like.getManager().zeros(p.getShape(), p.getDataType(), p.getDevice()).add(p);
    }

    /**
     * A constant for {@code mul}/{@code div} inside a recorded graph, allocated by libtorch in {@code like}'s
     * manager. Never {@code x.mul(2f)} there: DJL wraps the number in a tensor over a direct ByteBuffer and
     * closes it at once, but autograd keeps that storage for the backward pass; once the JVM collects the
     * buffer, backward reads freed memory (wrong or NaN gradients, only when a GC falls between forward
     * and backward). {@code add}/{@code sub} by a number are safe (their backward does not read it).
     */
    static NDArray scalar(NDArray like, double value) { return cmer.nn.Nn.scalar(like, value); }
}
