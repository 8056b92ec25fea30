package cmer.cli;

import cmer.core.CmerException;
import cmer.nn.LoadReport;
import cmer.nn.io.ModelReport;
import cmer.nn.io.StateDictInfo;
import cmer.train.ModelImport;
import cmer.nn.io.StateDicts;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"List a checkpoint's tensors (name, dtype, shape, numel), the detected",
                "architecture, the configuration its shapes imply and the tensors CMER would",
                "not use. Reads names and shapes only; never runs code from the file.",
                "Formats: safetensors (F32/F16/BF16/...), torch.save zips (open_clip, RemoteCLIP,",
                "GeoRSCLIP), TorchScript (OpenAI ViT-B-32.pt), Hugging Face folders."})
final class ModelInspectCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "FILE_OR_DIR", description = "Checkpoint file or Hugging Face model folder.") Path path;
    @Option(names = "--summary", description = "Omit the per-tensor list.") boolean summary;
    @Option(names = "--verify", description = "Also read and convert every tensor's data (checks all of the file); prints the time.") boolean verify;

    @Override
    public Integer call() throws Exception {
        StateDictInfo info = StateDicts.info(path);
        ModelReport report = ModelReport.of(info);
        String verified = null;
        if (verify) {
            long t0 = System.nanoTime();
            int n = StateDicts.read(path).size();
            verified = String.format("all %d tensors read in %.2f s", n, (System.nanoTime() - t0) / 1e9);
        }
        ModelReportPrinter p = new ModelReportPrinter(report, StateDicts.tokenizerFor(path).orElse(null), verified, !summary, preview(report, info));
        if (common.json) p.printJson(spec.commandLine().getOut());
        else p.printText(spec.commandLine().getOut());
        return 0;
    }

    /** Only for the CLIP families import takes; a refusal (missing tensor, wrong shape) is shown, not thrown. */
    private static ModelReportPrinter.ImportPreview preview(ModelReport report, StateDictInfo info) {
        if (report.architecture() != ModelReport.Architecture.HF_CLIP && report.architecture() != ModelReport.Architecture.OPEN_CLIP) return null;
        try {
            LoadReport r = ModelImport.preview(info);
            return new ModelReportPrinter.ImportPreview(r.unused(), r.ignored(), null);
        } catch (CmerException e) {
            return new ModelReportPrinter.ImportPreview(List.of(), List.of(), e.getMessage());
        }
    }
}
