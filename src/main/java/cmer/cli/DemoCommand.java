package cmer.cli;

import cmer.train.Demo;
import cmer.train.RunSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Headless demo: zero-shot vs CMER fine-tuning of the shipped tiny CLIP on sample-data, evaluated on",
                "the test split; prints a results table. Run folders go to runs/demo-<timestamp> (open them in the Studio)."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "sample-data", description = "Dataset (default: ${DEFAULT-VALUE}).") Path data;
    @Option(names = "--runs", defaultValue = "runs", description = "Where run folders go (default: ${DEFAULT-VALUE}).") Path runs;
    @Option(names = "--set", paramLabel = "<key=value>", description = "Override a training setting of both runs (repeatable).") List<String> sets = new ArrayList<>();
    @Option(names = {"-v", "--verbose"}, description = "Stack traces on errors.") boolean verbose;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        List<RunSummary> rows;
        try (TrainProgress bar = new TrainProgress(spec.commandLine().getErr(), 0, -1)) {
            rows = Demo.run(data, runs, sets, s -> { out.println(s); out.flush(); }, bar);
        }
        out.println();
        out.println("Results on the test split of " + data + " (R@K in %):");
        SummaryTable.print(out, rows);
        out.printf("demo took %.1f min%n", (System.nanoTime() - t0) / 6e10);
        return 0;
    }
}
