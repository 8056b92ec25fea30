package cmer.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import cmer.core.CmerException;
import cmer.data.TargetBoxes;
import cmer.eval.RetrievalMetrics;
import cmer.nn.ClipModel;
import cmer.nn.Devices;
import cmer.text.ClipTokenizer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A finished (or stopped) run, loaded read-only: its best checkpoint (else its last; a zero-shot run: the
 * backbone) in a model, for {@code cmer eval} and the attention check. Writes nothing to the run folder.
 */
public final class RunEvaluation implements AutoCloseable {
    private final Path runDir, checkpoint;
    private final RunFolder run;
    private final NDManager root;
    private final ClipTokenizer tokenizer;
    private final Tuning tuning;
    private final TrainData data;

    /** What was evaluated and the numbers. */
    public record Outcome(Path run, String split, String source, int images, int captions, RetrievalMetrics.Recalls recalls) { }

    public RunEvaluation(Path runDir) {
        this.runDir = runDir;
        this.run = RunFolder.open(runDir);
        this.checkpoint = Files.isRegularFile(run.bestCheckpoint()) ? run.bestCheckpoint()
                : Files.isRegularFile(run.lastCheckpoint()) ? run.lastCheckpoint() : null;
        this.root = NDManager.newBaseManager(Devices.resolve(run.config().device()));
        Trainer.seedEngine(run.config());                                          // a backbone without weights is re-created as the run saw it
        ModelFolder folder = ModelFolder.of(run.config());
        ClipModel clip = folder.load(root);
        this.tuning = Tuning.of(run.config(), clip, root);
        if (checkpoint != null) {
            Map<String, Parameter> mine = tuning.trainable();
            for (var e : Checkpoint.read(checkpoint).params().entrySet()) {
                Parameter p = mine.get(e.getKey());
                if (p == null) throw new CmerException(checkpoint + ": parameter '" + e.getKey() + "' is not part of a " + run.config().method() + " model");
                p.getArray().set(FloatBuffer.wrap(e.getValue().data()));
            }
        }
        this.tokenizer = ClipTokenizer.load(folder.tokenizer(), clip.config().contextLength());
        this.data = new TrainData(run.config(), tokenizer, clip.config().vision().imageSize());
    }

    /** Convenience for one evaluation. */
    public static Outcome evaluate(Path runDir, String split) {
        try (RunEvaluation r = new RunEvaluation(runDir)) { return r.evaluate(split); }
    }

    public Outcome evaluate(String split) {
        Evaluator.SplitSet s = Evaluator.of(data, split);
        if (s.isEmpty()) throw new CmerException("split '" + split + "' of " + run.config().data().path() + " has no usable captions", CmerException.USAGE, null);
        return new Outcome(runDir, split, source(), s.images().size(), s.captions().size(), Evaluator.evaluate(tuning, data, s, root));
    }

    /** The focus layer's saliency inside the ground-truth boxes ({@code targets.json} beside the dataset) of a split's images. */
    public AttentionCheck attention(String split) {
        Path dataDir = run.config().data().path();
        Path targets = (Files.isDirectory(dataDir) ? dataDir : dataDir.getParent()).resolve(TargetBoxes.FILE);
        if (!Files.isRegularFile(targets)) throw new CmerException(targets + ": no ground-truth target boxes for the attention check", CmerException.USAGE, null);
        return AttentionCheck.of(tuning, data, Evaluator.of(data, split).images(), TargetBoxes.read(targets), root);
    }

    public String source() { return checkpoint == null ? "backbone" : runDir.relativize(checkpoint).toString(); }

    @Override
    public void close() {
        tokenizer.close();
        root.close();
    }
}
