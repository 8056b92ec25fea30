package cmer.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import cmer.core.CmerException;
import cmer.core.MetricEvent;
import cmer.core.Seeds;
import cmer.core.TrainConfig;
import cmer.eval.RetrievalMetrics;
import cmer.nn.ClipModel;
import cmer.nn.Devices;
import cmer.text.ClipTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run of any method (TrainConfig.method) into a {@link RunFolder}. {@link #run()} is the loop,
 * in nanoGPT's order; everything else is a named helper below it. All DJL work must happen on the thread
 * that calls {@link #start}/{@link #resume} and {@link #run} (grad mode is thread-local).
 */
public final class Trainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainConfig cfg;
    private final RunFolder run;
    private final Device device;
    private final MemoryMeter memory;
    private final NDManager root;
    private final ClipModel clip;
    private final Tuning tuning;
    private final TrainData data;
    private final Evaluator.SplitSet val, test;
    private final AdamW opt;                       // null for zero-shot
    private NegativeQueue imageQueue, textQueue;
    private final LrSchedule schedule;
    private final long totalSteps, startStep;
    private long step;
    private double bestMr = Double.NEGATIVE_INFINITY;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private Consumer<MetricEvent> listener = e -> { };
    LongPredicate poison = s -> false;            // tests: make the loss of these steps NaN

    /** How a run ended. */
    public record Result(long steps, boolean interrupted, double bestValMr, RetrievalMetrics.Recalls test, Path runDir) { }

    /** Starts a new run in {@code runDir} (must be new or empty). */
    public static Trainer start(TrainConfig cfg, Path runDir) { return new Trainer(cfg, RunFolder.create(runDir, cfg), null); }

    /** Continues a run from its last checkpoint: same batches, same losses as if it had never stopped. */
    public static Trainer resume(Path runDir) {
        RunFolder run = RunFolder.open(runDir);
        if (!Files.isRegularFile(run.lastCheckpoint())) {
            throw new CmerException(runDir + ": no checkpoint to resume from (" + run.lastCheckpoint() + " is missing)", CmerException.USAGE, null);
        }
        return new Trainer(run.config(), run, Checkpoint.read(run.lastCheckpoint()));
    }

    private Trainer(TrainConfig cfg, RunFolder run, Checkpoint from) {
        this.cfg = cfg;
        this.run = run;
        this.device = Devices.resolve(cfg.device());
        this.memory = new MemoryMeter(device);                                      // idle baseline: engine up, no model yet
        this.root = NDManager.newBaseManager(device);
        seedEngine(cfg);
        ModelFolder folder = ModelFolder.of(cfg);
        this.clip = folder.load(root);
        this.tuning = Tuning.of(cfg, clip, root);
        this.data = new TrainData(cfg, ClipTokenizer.load(folder.tokenizer(), clip.config().contextLength()), clip.config().vision().imageSize());
        this.val = Evaluator.of(data, cfg.data().val());
        this.test = Evaluator.of(data, cfg.data().test());
        long perEpoch = cfg.epochs() * data.stepsPerEpoch();
        this.totalSteps = cfg.method() == TrainConfig.Method.ZERO_SHOT ? 0 : cfg.maxSteps() > 0 ? Math.min(cfg.maxSteps(), perEpoch) : perEpoch;
        this.schedule = LrSchedule.of(cfg, Math.max(1, totalSteps));
        this.opt = tuning.trainable().isEmpty() ? null : new AdamW(tuning.trainable(), cfg.optim());
        int k = cfg.method() == TrainConfig.Method.CMER && cfg.cmer().queue().enabled() ? cfg.cmer().queue().size() : 0;
        this.imageQueue = new NegativeQueue(k, clip.config().embedDim());
        this.textQueue = new NegativeQueue(k, clip.config().embedDim());
        if (from != null) restore(from);
        this.startStep = step;
    }

    /** Receives every train line (also those not written because of logEvery) and every eval line. */
    public Trainer listener(Consumer<MetricEvent> l) { this.listener = l; return this; }

    /** Asks the loop to stop after the current step, save a checkpoint and return (Ctrl+C). */
    public void requestStop() { stop.set(true); }

    /** Waits until {@link #run} has returned (a shutdown hook waits here so the checkpoint is complete). */
    public boolean awaitFinished(long seconds) throws InterruptedException { return finished.await(seconds, TimeUnit.SECONDS); }

    /** The loop: lr → eval + checkpoint → forward/backward → clip → step → zero grads → time + log → counters → stop. */
    public Result run() {
        try {
            describe().forEach(run::log);
            emit(MetricEvent.start(step, totalSteps, device.toString()), false);              // progress bars learn the total
            long evalSteps = data.stepsPerEpoch() * cfg.evalEvery();
            while (step < totalSteps && !stop.get()) {
                double lr = schedule.lr(step);                                       // pure in step: same on resume
                if (step % evalSteps == 0 && step != startStep) evalAndCheckpoint();   // no grad, own scope, atomic writes
                long t0 = System.nanoTime();
                float[] loss;
                try (NDManager scope = root.newSubManager()) {
                    TrainData.Batch b = data.batch(step, scope);
                    NDList vf = tuning.visionFrozen(b.images());                     // frozen backbone: no autograd recorded
                    NDList tf = tuning.textFrozen(b.ids(), b.eot());
                    NDArray img, txt;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        img = tuning.vision(vf, true).head();                        // (B, E)
                        txt = tuning.text(tf, true);                                 // (B, E)
                        Losses.Terms l = Losses.total(img, txt, b.imageIds(), tuning.logitScale(), imageQueue, textQueue,
                                cfg.cmer().queue().weight(), cfg.cmer().queue().active(step, imageQueue.isFull()));
                        NDArray total = poison.test(step) ? l.total().mul(Float.NaN) : l.total();
                        loss = new float[] {l.batch().getFloat(), l.queue().getFloat(), total.getFloat()};  // the one sync point
                        if (!Float.isFinite(loss[2])) throw nonFinite(loss);
                        gc.backward(total);
                    }
                    optimiserStep(lr);                                               // clip, AdamW, zero the gradients
                    imageQueue.enqueue(img, b.imageIds());                           // after the step (METHOD); copies out
                    textQueue.enqueue(txt, b.imageIds());
                }
                double ms = (System.nanoTime() - t0) / 1e6;
                logStep(step + 1, loss, lr, ms);                                     // metrics.jsonl: what the Studio plots
                step++;
            }
            return finish();
        } finally {
            finished.countDown();
        }
    }

    /** Derived numbers, logged before step 0 (nanoGPT prints them up front). */
    public List<String> describe() {
        long trainable = count(tuning.trainable()), total = count(tuning.all());
        List<String> l = new ArrayList<>();
        l.add(String.format("method %s, backbone %s, device %s", name(cfg.method()), cfg.model().backbone(), device));
        l.add(String.format("parameters: %,d trainable of %,d (%.2f %%)", trainable, total, 100.0 * trainable / Math.max(1, total)));
        l.add(String.format("data: %d training pairs, %d pairs per step, %d steps per epoch, %d steps in all%s; val %d images, test %d images",
                data.pairs(), cfg.batchSize(), data.stepsPerEpoch(), totalSteps, startStep > 0 ? " (resuming at step " + startStep + ")" : "",
                val.images().size(), test.images().size()));
        l.add(String.format("memory idle baseline %.0f MiB (engine loaded, no model)", memory.idleBytes() / 1048576.0));
        return l;
    }

    public long totalSteps() { return totalSteps; }

    public long step() { return step; }

    public Tuning tuning() { return tuning; }

    public TrainData data() { return data; }

    public RunFolder folder() { return run; }

    /** Evaluates val, updates best, writes last (and best when val mR improved). */
    private void evalAndCheckpoint() {
        double mr = Double.NaN;
        if (!val.isEmpty()) {
            RetrievalMetrics.Recalls r = Evaluator.evaluate(tuning, data, val, root);
            mr = r.mr();
            emit(MetricEvent.eval(step, epoch(), val.name(), r.asArray()), true);
            bestMr = Math.max(bestMr, mr);
        }
        run.saveCheckpoint(checkpoint(), mr);
    }

    /** End of the loop: interrupted → save and return; done → final val eval, best params back, test eval → eval.json. */
    private Result finish() {
        if (stop.get() && step < totalSteps) {
            if (opt != null) run.saveCheckpoint(checkpoint(), Double.NaN);
            run.log("stopped at step " + step + " on request; continue with: cmer train --resume " + run.dir());
            return new Result(step, true, bestMr, null, run.dir());
        }
        List<MetricEvent> evals = new ArrayList<>();
        if (opt != null && step != startStep) evalAndCheckpoint();
        String source = "backbone";
        if (opt != null && Files.isRegularFile(run.bestCheckpoint())) {
            loadParams(Checkpoint.read(run.bestCheckpoint()).params());
            source = RunFolder.CHECKPOINTS + "/" + RunFolder.BEST;
        }
        RetrievalMetrics.Recalls t = null;
        for (Evaluator.SplitSet s : List.of(val, test)) {
            if (s.isEmpty()) continue;
            RetrievalMetrics.Recalls r = Evaluator.evaluate(tuning, data, s, root);
            MetricEvent e = MetricEvent.eval(step, epoch(), s.name(), r.asArray());
            evals.add(e);
            if (opt == null || s == test) emit(e, true);                        // a trained run's val line came with its checkpoint
            if (s == test) t = r;
        }
        run.writeEval(evals, source);
        return new Result(step, false, bestMr, t, run.dir());
    }

    private void logStep(long stepsTaken, float[] loss, double lr, double ms) {
        MemoryMeter.Sample m = memory.sample();
        double temperature = 1 / Losses.scaleValue(tuning.logitScale().getFloat());
        MetricEvent e = MetricEvent.train(stepsTaken, epoch(), m.device(), loss[0], loss[1], loss[2], lr, temperature, ms,
                cfg.batchSize() * 1000.0 / ms, m.bytes(), m.peakBytes(), m.aboveIdle(), m.peakAboveIdle());
        emit(e, stepsTaken % cfg.logEvery() == 0 || stepsTaken == totalSteps);
    }

    private void emit(MetricEvent e, boolean write) {
        if (write) run.append(e);
        listener.accept(e);
    }

    /** AdamW's step; NaN/Inf gradients stop the run like a NaN loss (nothing updated, last checkpoint kept). */
    private void optimiserStep(double lr) {
        try {
            opt.step(lr);
        } catch (CmerException e) {
            String msg = "step " + step + ": " + e.getMessage() + "; the run stopped; " + lastGood();
            run.log(msg);
            throw new CmerException(msg, CmerException.BAD_INPUT, e);
        }
    }

    private String lastGood() {
        return Files.isRegularFile(run.lastCheckpoint()) ? "the last good checkpoint is " + run.lastCheckpoint() + " (resume with cmer train --resume " + run.dir() + ")"
                : "no checkpoint was written before it";
    }

    private CmerException nonFinite(float[] loss) {
        String msg = String.format("loss is not finite at step %d (L_batch %s, L_queue %s, total %s): the run stopped; %s. "
                + "Try a lower optim.lr or a longer schedule.warmupSteps.", step, loss[0], loss[1], loss[2], lastGood());
        run.log(msg);
        return new CmerException(msg, CmerException.BAD_INPUT, null);
    }

    private int epoch() { return (int) (step / Math.max(1, data.stepsPerEpoch())); }

    private Checkpoint checkpoint() {
        Map<String, Checkpoint.F32> params = new LinkedHashMap<>();
        tuning.trainable().forEach((k, p) -> params.put(k, Checkpoint.F32.of(p.getArray())));
        AdamW.State o = opt == null ? new AdamW.State(0, Map.of(), Map.of()) : opt.state();
        return new Checkpoint(cfg, step, epoch(), bestMr, params, o, imageQueue.state(), textQueue.state());
    }

    private void restore(Checkpoint c) {
        loadParams(c.params());
        if (opt != null) opt.restore(c.optimizer());
        imageQueue = NegativeQueue.restore(c.imageQueue());
        textQueue = NegativeQueue.restore(c.textQueue());
        step = c.step();
        bestMr = c.bestMr();
        run.rewindMetrics(step);
    }

    private void loadParams(Map<String, Checkpoint.F32> params) {
        Map<String, Parameter> mine = tuning.trainable();
        for (var e : params.entrySet()) {
            Parameter p = mine.get(e.getKey());
            if (p == null || !p.getArray().getShape().equals(new ai.djl.ndarray.types.Shape(e.getValue().shape()))) {
                throw new CmerException("checkpoint parameter '" + e.getKey() + "' does not fit this model (" + (p == null ? "unknown name" : "shape " + p.getArray().getShape()) + ")");
            }
            p.getArray().set(FloatBuffer.wrap(e.getValue().data()));
        }
    }

    /** Seeds the engine's generator before any block is initialised: same seed ⇒ same random backbone and side network. */
    static void seedEngine(TrainConfig cfg) { Engine.getEngine("PyTorch").setRandomSeed((int) Seeds.mix(cfg.seed(), Seeds.INIT)); }

    private static long count(Map<String, Parameter> ps) { return ps.values().stream().mapToLong(p -> p.getArray().size()).sum(); }

    static String name(TrainConfig.Method m) { return m.name().toLowerCase().replace('_', '-'); }

    @Override
    public void close() {
        if (opt != null) opt.close();
        data.tokenizer().close();
        root.close();
    }
}
