package cmer.cli;

import cmer.train.Pretrainer;
import cmer.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"Train the shipped tiny CLIP from scratch (plain CLIP loss) on a generated corpus that differs from",
                "sample-data (other seed, class mix, phrasing), with its own BPE tokenizer; writes config.json, tokenizer.json",
                "and model.safetensors into --out."})
final class PretrainCommand implements Callable<Integer> {
    private static final Pretrainer D = Pretrainer.DEFAULTS;
    @Option(names = "--out", defaultValue = "sample-data/models/tiny-clip", description = "Model folder (default: ${DEFAULT-VALUE}).") Path out;
    @Option(names = "--work", defaultValue = "target/pretrain", description = "Corpus and run folder (default: ${DEFAULT-VALUE}).") Path work;
    @Option(names = "--seed", description = "Corpus and training seed.") long seed = D.seed();
    @Option(names = "--images", description = "Corpus images, 5 captions each.") int images = D.images();
    @Option(names = "--epochs", description = "Passes over the corpus.") int epochs = D.epochs();
    @Option(names = "--batch-size", description = "Pairs per step.") int batch = D.batchSize();
    @Option(names = "--lr", description = "Peak learning rate.") double lr = D.lr();
    @Option(names = "--threads", paramLabel = "<n>", description = "PyTorch intra-op threads (default: one per core).") Integer threads;
    @Option(names = {"-v", "--verbose"}, description = "Stack traces on errors.") boolean verbose;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (threads != null) System.setProperty("ai.djl.pytorch.num_threads", "" + threads);
        PrintWriter w = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Pretrainer p = new Pretrainer(seed, images, D.imageSize(), epochs, batch, D.vocab(), lr, D.config());
        Trainer.Result r;
        try (TrainProgress bar = new TrainProgress(spec.commandLine().getErr(), 0, -1)) {
            r = p.run(out, work, s -> { w.println(s); w.flush(); }, bar);
        }
        w.printf("pretrained %d steps in %.1f min; best val mR %.2f; model written to %s%n", r.steps(), (System.nanoTime() - t0) / 6e10, r.bestValMr(), this.out);
        return 0;
    }
}
