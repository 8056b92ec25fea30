package cmer.cli;

import cmer.core.Configs;
import cmer.train.RunEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a run's best checkpoint on a split: the six recalls R@1/5/10 both ways and mR (CMER-METHOD.md protocol).")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "<run>", description = "Run folder (from cmer train).") Path run;
    @Option(names = "--split", defaultValue = "test", paramLabel = "<split>", description = "train, val or test (default: ${DEFAULT-VALUE}).") String split;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = {"-v", "--verbose"}, description = "Stack traces on errors.") boolean verbose;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunEvaluation.Outcome o = RunEvaluation.evaluate(run, split);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", o.run().toString());
            m.put("split", o.split());
            m.put("checkpoint", o.source());
            m.put("images", o.images());
            m.put("captions", o.captions());
            double[] a = o.recalls().asArray();
            String[] names = cmer.core.MetricEvent.EVAL_FIELDS;
            for (int i = 0; i < names.length; i++) m.put(names[i], a[i]);
            out.println(Configs.JSON.writeValueAsString(m));
        } else {
            out.printf("%s, split %s (%d images, %d captions), %s%n", o.run(), o.split(), o.images(), o.captions(), o.source());
            RecallTable.print(out, o.split(), o.recalls());
        }
        return 0;
    }
}
