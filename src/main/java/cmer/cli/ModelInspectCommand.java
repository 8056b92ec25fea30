package cmer.cli;

import cmer.core.Configs;
import cmer.nn.io.ModelReport;
import cmer.nn.io.StateDictInfo;
import cmer.nn.io.StateDicts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"List a checkpoint's tensors (name, dtype, shape, numel), the detected architecture, the configuration its",
                "shapes imply and the tensors CMER would not use. Reads names and shapes only, never runs code from the file.",
                "Formats: safetensors (F32/F16/BF16/...), torch.save zips (open_clip, RemoteCLIP, GeoRSCLIP), TorchScript",
                "(OpenAI ViT-B-32.pt), Hugging Face folders (model.safetensors, sharded index)."})
final class ModelInspectCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "FILE_OR_DIR", description = "Checkpoint file or Hugging Face model folder.") Path path;
    @Option(names = "--summary", description = "Omit the per-tensor list.") boolean summary;

    @Override
    public Integer call() throws Exception {
        StateDictInfo info = StateDicts.info(path);
        ModelReport r = ModelReport.of(info);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("file", info.source().toString());
            j.put("format", info.format());
            j.put("architecture", r.architecture().name());
            j.put("config", r.config());
            j.put("parameters", info.parameterCount());
            j.put("bytes", info.byteCount());
            j.put("metadata", info.metadata());
            j.put("notes", info.notes());
            j.put("unused", r.unused());
            j.put("tokenizer", StateDicts.tokenizerFor(path).map(Path::toString).orElse(null));
            if (!summary) j.put("tensors", info.tensors().stream().map(t -> Map.of("name", t.name(), "dtype", t.dtype().name(),
                    "shape", t.shape(), "numel", t.numel())).toList());
            out.println(Configs.JSON.writeValueAsString(j));
        } else {
            if (!summary) {
                int w = info.tensors().stream().mapToInt(t -> t.name().length()).max().orElse(4);
                info.tensors().forEach(t -> out.printf("%-" + w + "s  %-5s %-20s %,d%n", t.name(), t.dtype(), t.shapeString(), t.numel()));
                out.println();
            }
            out.printf("File          %s (%s)%n", info.source(), info.format());
            out.printf("Tensors       %d, %,d parameters, %,d bytes%n", info.tensors().size(), info.parameterCount(), info.byteCount());
            out.printf("Architecture  %s%n", r.architecture().label());
            r.configLines().forEach(l -> out.printf("Config        %s%n", l));
            StateDicts.tokenizerFor(path).ifPresent(t -> out.printf("Tokenizer     %s%n", t));
            info.metadata().forEach((k, v) -> out.printf("Metadata      %s = %s%n", k, v));
            info.notes().forEach(n -> out.printf("Note          %s%n", n));
            out.printf("Unused        %d tensors%s%n", r.unused().size(), r.unused().isEmpty() ? "" : ": " + String.join(", ", r.unused()));
        }
        out.flush();
        return 0;
    }
}
