package cmer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import cmer.core.CmerException;
import cmer.core.TrainConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (Loshchilov &amp; Hutter: decoupled weight decay, PyTorch's update order) with global-norm
 * gradient clipping, whose state a checkpoint can hold. Written here, not DJL's
 * {@code ai.djl.training.optimizer.AdamW}, because DJL keeps m and v in private maps that cannot be saved,
 * so a resumed run would restart the moments from zero and not continue "exactly".
 *
 * <p>Weight decay applies to parameters with 2 or more dimensions (matrices); gains, biases, gates and
 * the logit scale are not decayed (CLIP / open_clip practice). Must be called outside a GradientCollector.
 */
public final class AdamW implements AutoCloseable {
    private final Map<String, Parameter> params;
    private final TrainConfig.Optim cfg;
    private final NDManager manager;                       // owns m and v
    private final Map<String, NDArray> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
    private long t;                                        // optimiser steps taken
    private final List<String> nonFinite = new ArrayList<>();   // tensors with NaN/Inf gradients at the last skipped step

    /** @param params the trainable parameters by checkpoint name (a fixed iteration order) */
    public AdamW(Map<String, Parameter> params, TrainConfig.Optim cfg) {
        if (params.isEmpty()) throw new IllegalArgumentException("AdamW: no trainable parameters");
        this.params = new LinkedHashMap<>(params);
        this.cfg = cfg;
        this.manager = params.values().iterator().next().getArray().getManager().newSubManager();
    }

    public long steps() { return t; }

    /** Names of the tensors whose gradient was NaN/Inf when {@link #step} last refused to update. */
    public List<String> nonFinite() { return List.copyOf(nonFinite); }

    /**
     * Clips the gradients to {@code clipNorm} (global L2 norm), updates every parameter, zeroes the gradients.
     *
     * @return the global gradient norm before clipping (one device→host sync); NaN/Inf gradients throw a
     *         CmerException naming the tensors (nothing is updated)
     */
    public double step(double lr) {
        t++;
        try (NDManager scope = manager.newSubManager()) {
            Map<String, NDArray> grads = new LinkedHashMap<>();
            List<NDArray> squares = new ArrayList<>();
            for (var e : params.entrySet()) {
                NDArray w = e.getValue().getArray();
                if (!w.hasGradient()) continue;                      // unused in this step's graph: skipped, as torch does
                NDArray g = w.getGradient();
                g.attach(scope);                                     // the handle, not the gradient storage
                grads.put(e.getKey(), g);
                squares.add(g.square().sum());
            }
            if (grads.isEmpty()) return 0;
            NDArray sum = squares.get(0);
            for (int i = 1; i < squares.size(); i++) sum = sum.add(squares.get(i));    // NDArrays.add rejects a single array
            double norm = Math.sqrt(sum.getFloat());
            if (!Double.isFinite(norm)) {
                nonFinite.clear();                                           // failure path only: name the culprits
                for (var e : grads.entrySet()) if (!Float.isFinite(e.getValue().square().sum().getFloat())) nonFinite.add(e.getKey());
                throw new CmerException("gradient norm is " + norm + " at optimiser step " + t + " (NaN/Inf gradients in " + nonFinite.size()
                        + " tensor(s): " + String.join(", ", nonFinite.subList(0, Math.min(6, nonFinite.size()))) + ")");
            }
            float clip = cfg.clipNorm() > 0 && norm > cfg.clipNorm() ? (float) (cfg.clipNorm() / (norm + 1e-6)) : 1f;
            float b1 = (float) cfg.beta1(), b2 = (float) cfg.beta2();
            double bc1 = 1 - Math.pow(b1, t), bc2 = 1 - Math.pow(b2, t);
            for (var e : grads.entrySet()) {
                NDArray w = params.get(e.getKey()).getArray();
                NDArray g = e.getValue().mul(clip);
                NDArray mi = m.computeIfAbsent(e.getKey(), k -> zerosLike(w));
                NDArray vi = v.computeIfAbsent(e.getKey(), k -> zerosLike(w));
                mi.muli(b1).addi(g.mul(1 - b1));                                     // m = β1 m + (1-β1) g
                vi.muli(b2).addi(g.square().mul(1 - b2));                            // v = β2 v + (1-β2) g²
                if (cfg.weightDecay() > 0 && w.getShape().dimension() >= 2) {
                    w.muli((float) (1 - lr * cfg.weightDecay()));                    // decoupled decay first (torch order)
                }
                NDArray vhat = vi.div((float) bc2);                                  // results of ops on m, v land in their
                vhat.attach(scope);                                                  // long-lived manager: move each temp to the
                NDArray denom = vhat.sqrt().add((float) cfg.eps());                  // step scope (else ~5 parameter-sized leaks/step)
                NDArray upd = mi.div(denom);
                upd.attach(scope);
                w.subi(upd.mul((float) (lr / bc1)));                                 // w -= lr · m̂ / (sqrt(v̂) + ε)
                e.getValue().subi(e.getValue());                                     // zero the gradient in place
            }
            return norm;
        }
    }

    private NDArray zerosLike(NDArray w) { return manager.zeros(w.getShape(), w.getDataType(), w.getDevice()); }

    /** Moments by parameter name (row-major F32) and the step count. */
    public record State(long step, Map<String, Checkpoint.F32> m, Map<String, Checkpoint.F32> v) { }

    public State state() {
        Map<String, Checkpoint.F32> ms = new LinkedHashMap<>(), vs = new LinkedHashMap<>();
        m.forEach((k, a) -> ms.put(k, Checkpoint.F32.of(a)));
        v.forEach((k, a) -> vs.put(k, Checkpoint.F32.of(a)));
        return new State(t, ms, vs);
    }

    public void restore(State s) {
        for (String k : s.m().keySet()) {
            Parameter p = params.get(k);
            if (p == null) throw new CmerException("checkpoint: optimiser state for unknown parameter '" + k + "'; known: " + params.keySet());
            Shape want = p.getArray().getShape();
            for (var src : List.of(s.m(), s.v())) {
                Checkpoint.F32 f = src.get(k);
                if (f == null || !new Shape(f.shape()).equals(want)) {
                    throw new CmerException("checkpoint: optimiser state of '" + k + "' has shape " + (f == null ? "none" : new Shape(f.shape())) + ", expected " + want);
                }
            }
        }
        m.values().forEach(NDArray::close);
        v.values().forEach(NDArray::close);
        m.clear();
        v.clear();
        s.m().forEach((k, f) -> m.put(k, f.toNDArray(manager).toDevice(params.get(k).getArray().getDevice(), false)));
        s.v().forEach((k, f) -> v.put(k, f.toNDArray(manager).toDevice(params.get(k).getArray().getDevice(), false)));
        t = s.step();
    }

    @Override public void close() { manager.close(); }
}
