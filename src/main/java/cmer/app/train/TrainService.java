package cmer.app.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import cmer.core.CmerException;
import cmer.core.MetricEvent;
import cmer.core.TrainConfig;
import cmer.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Trainer} at a time on a thread it owns from construction to close: DJL work must stay on one
 * thread and libtorch's grad mode is thread-local (STACK.md), so this thread turns grad mode off first, exactly as
 * the thread that started the engine has it (what {@code cmer train} relies on). Callbacks arrive on that thread;
 * the view model batches them for the UI.
 */
public final class TrainService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainService.class);

    /** What a run reports, called on the training thread. */
    public interface Listener {
        /** The trainer is built: its derived numbers (trainable parameters, steps, …), step it starts at, steps in all. */
        void onStarted(Path runDir, List<String> describe, long startStep, long totalSteps);

        /** Every train and eval line (train lines also when logEvery skips writing them). */
        void onMetric(MetricEvent e);

        void onFinished(Trainer.Result r);

        void onFailed(Throwable t);
    }

    private volatile Trainer current;
    private volatile Thread thread;
    private volatile boolean stopRequested;      // a Stop while the trainer is still being built

    /** Starts a new run in {@code runDir}; fails when one is already running. */
    public void start(TrainConfig cfg, Path runDir, Listener l) { launch(() -> Trainer.start(cfg, runDir), l); }

    /** Continues {@code runDir} from its last checkpoint. */
    public void resume(Path runDir, Listener l) { launch(() -> Trainer.resume(runDir), l); }

    public boolean isRunning() { Thread t = thread; return t != null && t.isAlive(); }

    /** Asks the run to stop after its current step; the trainer saves {@code last} and returns (interrupted). */
    public void stop() {
        stopRequested = true;
        Trainer t = current;
        if (t != null) t.requestStop();
    }

    /** Waits at most {@code millis} for the training thread to end; true when it has. */
    public boolean await(long millis) throws InterruptedException {
        Thread t = thread;
        if (t != null) t.join(millis);
        return t == null || !t.isAlive();
    }

    private synchronized void launch(Supplier<Trainer> make, Listener l) {
        if (isRunning()) throw new CmerException("a run is already training: stop it first", CmerException.USAGE, null);
        stopRequested = false;
        Thread t = new Thread(() -> body(make, l), "cmer-train");
        t.setDaemon(false);                        // the JVM outlives the window until the checkpoint is on disk
        thread = t;
        t.start();
    }

    private void body(Supplier<Trainer> make, Listener l) {
        try {
            Engine.getInstance();                  // load the engine, then this thread's grad mode off like the engine thread's
            JniUtils.setGradMode(false);
            try (Trainer t = make.get()) {
                current = t;
                if (stopRequested) t.requestStop();
                l.onStarted(t.folder().dir(), t.describe(), t.step(), t.totalSteps());
                t.listener(l::onMetric);
                l.onFinished(t.run());
            }
        } catch (RuntimeException | Error e) {
            LOG.warn("training failed: {}", e.getMessage());
            l.onFailed(e);
        } finally {
            current = null;
        }
    }

    /** Window closed: stop cleanly (checkpoint saved) and wait for it, at most two minutes. Asks nothing. */
    @Override
    public void close() {
        stop();
        try {
            if (!await(120_000)) LOG.warn("the training thread did not stop within two minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
