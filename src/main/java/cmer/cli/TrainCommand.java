package cmer.cli;

import cmer.core.CmerException;
import cmer.core.Configs;
import cmer.core.TrainConfig;
import cmer.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a retrieval model (method zero-shot | full-ft | adapter | cmer) into a run folder:",
                "config.json, metrics.jsonl, checkpoints/, eval.json, train.log. Ctrl+C saves a checkpoint; --resume continues it."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "<file>", description = "Training settings (JSON or YAML) over the defaults.") Path config;
    @Option(names = "--set", paramLabel = "<key=value>", description = "Override one setting, e.g. --set method=full-ft (repeatable).") List<String> sets = new ArrayList<>();
    @Option(names = "--run-dir", paramLabel = "<dir>", description = "New (or empty) run folder.") Path runDir;
    @Option(names = "--resume", paramLabel = "<run>", description = "Continue this run from its last checkpoint.") Path resume;
    @Option(names = "--threads", paramLabel = "<n>", description = "PyTorch intra-op threads (default: one per core).") Integer threads;
    @Option(names = {"-v", "--verbose"}, description = "Stack traces on errors.") boolean verbose;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((runDir == null) == (resume == null)) throw new CmerException("give either --run-dir DIR (new run) or --resume RUN", CmerException.USAGE, null);
        if (threads != null) System.setProperty("ai.djl.pytorch.num_threads", "" + threads);
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        try (Trainer t = resume != null ? Trainer.resume(resume) : Trainer.start(Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, config, sets), runDir)) {
            t.describe().forEach(out::println);
            out.flush();
            Thread hook = new Thread(() -> {                                       // Ctrl+C: finish the step, save, exit
                t.requestStop();
                try { t.awaitFinished(120); } catch (InterruptedException ignored) { Thread.currentThread().interrupt(); }
            }, "cmer-train-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            Trainer.Result r;
            try (TrainProgress bar = new TrainProgress(err, t.step(), t.totalSteps())) {
                t.listener(bar);
                r = t.run();
            }
            if (r.interrupted()) {
                out.println("stopped at step " + r.steps() + "; checkpoint saved. Continue with: cmer train --resume " + r.runDir());
                return CmerException.INTERRUPTED;
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            if (r.test() != null) RecallTable.print(out, "test (best checkpoint)", r.test());
            out.println("run folder: " + r.runDir());
            return 0;
        }
    }
}
