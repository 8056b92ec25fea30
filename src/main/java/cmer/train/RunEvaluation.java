package cmer.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import cmer.core.CmerException;
import cmer.eval.RetrievalMetrics;
import cmer.nn.ClipModel;
import cmer.nn.Devices;
import cmer.text.ClipTokenizer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code cmer eval}: evaluates a run's best checkpoint (else its last; a zero-shot run: the backbone) on one
 * split, without writing anything to the run folder.
 */
public final class RunEvaluation {
    private RunEvaluation() { }

    /** What was evaluated and the numbers. */
    public record Outcome(Path run, String split, String source, int images, int captions, RetrievalMetrics.Recalls recalls) { }

    public static Outcome evaluate(Path runDir, String split) {
        RunFolder run = RunFolder.open(runDir);
        Path ckpt = Files.isRegularFile(run.bestCheckpoint()) ? run.bestCheckpoint()
                : Files.isRegularFile(run.lastCheckpoint()) ? run.lastCheckpoint() : null;
        try (NDManager root = NDManager.newBaseManager(Devices.resolve(run.config().device()))) {
            Trainer.seedEngine(run.config());                                      // a backbone without weights is re-created as the run saw it
            ModelFolder folder = ModelFolder.of(run.config());
            ClipModel clip = folder.load(root);
            Tuning t = Tuning.of(run.config(), clip, root);
            if (ckpt != null) {
                Map<String, Parameter> mine = t.trainable();
                for (var e : Checkpoint.read(ckpt).params().entrySet()) {
                    Parameter p = mine.get(e.getKey());
                    if (p == null) throw new CmerException(ckpt + ": parameter '" + e.getKey() + "' is not part of a " + run.config().method() + " model");
                    p.getArray().set(FloatBuffer.wrap(e.getValue().data()));
                }
            }
            try (ClipTokenizer tok = ClipTokenizer.load(folder.tokenizer(), clip.config().contextLength())) {
                TrainData data = new TrainData(run.config(), tok, clip.config().vision().imageSize());
                Evaluator.SplitSet s = Evaluator.of(data, split);
                if (s.isEmpty()) throw new CmerException("split '" + split + "' of " + run.config().data().path() + " has no usable captions", CmerException.USAGE, null);
                return new Outcome(runDir, split, ckpt == null ? "backbone" : runDir.relativize(ckpt).toString(),
                        s.images().size(), s.captions().size(), Evaluator.evaluate(t, data, s, root));
            }
        }
    }
}
