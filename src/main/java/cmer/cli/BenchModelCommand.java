package cmer.cli;

import cmer.core.Configs;
import cmer.nn.bench.ForwardBench;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Forward throughput of the image and text towers with random weights (fp32, no autograd).",
                "Compare with: /usr/bin/python3 src/test/python/bench_clip_forward.py (same model in PyTorch)."})
final class BenchModelCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Option(names = "--model", defaultValue = "vit-b-32", description = "Shipped model configuration (default: ${DEFAULT-VALUE}; also tiny, tiny-bert).")
    String model;
    @Option(names = "--batch", defaultValue = "32", description = "Images and captions per pass (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--passes", defaultValue = "3", description = "Timed passes per tower; the median is reported (default: ${DEFAULT-VALUE}).")
    int passes;
    @Option(names = "--warmup", defaultValue = "2", description = "Untimed passes first; the JVM compiles DJL's code paths during the first ones (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        common.applyEngineSettings();
        ForwardBench.Result r = ForwardBench.run(model, batch, warmup, passes);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("model", r.model() + ", batch " + r.batch() + ", fp32, no grad, random weights");
        rows.put("threads", r.threads());
        rows.put("malloc", r.malloc());
        rows.put("images/s", String.format("%.2f", r.imagesPerSecond()));
        rows.put("captions/s", String.format("%.2f", r.captionsPerSecond()));
        rows.put("image cpu s", String.format("%.2f", r.image().medianCpu()));
        rows.put("text cpu s", String.format("%.2f", r.text().medianCpu()));
        rows.put("image s/pass", r.image().wall());
        rows.put("text s/pass", r.text().wall());
        if (common.json) out.println(Configs.JSON.writeValueAsString(rows));
        else rows.forEach((k, v) -> out.printf("%-13s %s%n", k, v instanceof double[] d ? java.util.Arrays.toString(d) : v));
        out.flush();
        return 0;
    }
}
