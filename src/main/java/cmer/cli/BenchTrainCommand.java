package cmer.cli;

import cmer.train.AttentionCheck;
import cmer.train.RunEvaluation;
import cmer.train.RunSummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Compare finished training runs (made by bench/train-methods.sh, one JVM per run so peak memory is",
                "each run's own): test recalls + mR, trainable parameters, peak memory raw and above idle, pairs/s.",
                "--attention RUN adds the focus-layer check: saliency mass inside the ground-truth target boxes vs their area."})
final class BenchTrainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<run>", description = "Run folders, or one folder holding them.") List<Path> runs = new ArrayList<>();
    @Option(names = "--attention", paramLabel = "<run>", description = "A cmer run for the attention check (test split).") Path attention;
    @Option(names = {"-v", "--verbose"}, description = "Stack traces on errors.") boolean verbose;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<RunSummary> rows = new ArrayList<>();
        for (Path p : runs) {
            if (Files.isRegularFile(p.resolve("eval.json"))) { rows.add(RunSummary.of(p)); continue; }
            try (Stream<Path> s = Files.list(p)) {
                for (Path r : s.filter(d -> Files.isRegularFile(d.resolve("eval.json"))).sorted().toList()) rows.add(RunSummary.of(r));
            }
        }
        if (!rows.isEmpty()) SummaryTable.print(out, rows);
        if (attention != null) {
            try (RunEvaluation r = new RunEvaluation(attention)) {
                AttentionCheck a = r.attention("test");
                out.printf("attention check (%s, %s, %d test images with targets): saliency mass inside target boxes %.1f %%,"
                        + " boxes cover %.1f %% of the image (ratio %.2f)%n", attention, r.source(), a.images(), 100 * a.saliencyInside(),
                        100 * a.coverage(), a.saliencyInside() / a.coverage());
            }
        }
        return 0;
    }
}
