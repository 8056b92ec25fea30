package cmer.cli;

import cmer.nn.Activation;
import cmer.nn.CheckpointFormat;
import cmer.train.ModelImport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import pretrained CLIP weights into a model folder (config.json, tokenizer.json,",
                "model.safetensors) usable by train --set model.backbone=DIR, index --model DIR and the Studio.",
                "Reads HF CLIPModel folders/safetensors (F32/F16/BF16), open_clip/RemoteCLIP/GeoRSCLIP .pt",
                "and OpenAI TorchScript .pt; detects the configuration from the tensor shapes; never runs code",
                "from the file."})
final class ModelImportCommand implements Callable<Integer> {
    enum Format { auto, hf_clip, open_clip }

    @Mixin CommonOptions common;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "SOURCE", description = "Checkpoint file or Hugging Face model folder.") Path source;
    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Model folder to create.") Path out;
    @Option(names = "--format", defaultValue = "auto", converter = FormatConverter.class,
            description = "auto, hf-clip or open-clip (a check against the detected one). Default: ${DEFAULT-VALUE}.") Format format;
    @Option(names = "--tokenizer", description = "tokenizer.json to use (default: the one beside SOURCE).") Path tokenizer;
    @Option(names = "--activation", defaultValue = "quick-gelu", description = "quick-gelu (OpenAI-derived weights) or gelu (open_clip's own). Default: ${DEFAULT-VALUE}.") String activation;
    @Option(names = "--head-width", defaultValue = "0", description = "Attention head width (default: from a HF config.json, else 64).") int headWidth;
    @Option(names = "--force", description = "Replace MODEL_DIR if it exists.") boolean force;

    @Override
    public Integer call() {
        CheckpointFormat f = format == Format.auto ? null : CheckpointFormat.valueOf(format.name().toUpperCase());
        ModelImport.Result r = ModelImport.run(source, out,
                new ModelImport.Options(f, tokenizer, activation(), headWidth, force));
        PrintWriter w = spec.commandLine().getOut();
        w.printf("Imported      %s (%s, %s)%n", source, r.sourceFormat(), r.format().title());
        w.printf("Config        vision %d px / patch %d, width %d, %d layers, %d heads; text width %d, %d layers, context %d, vocab %d; embed %d%n",
                r.config().vision().imageSize(), r.config().vision().patchSize(), r.config().vision().width(), r.config().vision().layers(),
                r.config().vision().heads(), r.config().text().width(), r.config().text().layers(), r.config().text().contextLength(),
                r.config().text().vocabSize(), r.config().embedDim());
        w.printf("Loaded        %d parameters%n", r.report().loaded().size());
        w.printf("Unused        %d tensors %s%n", r.report().unused().size(), r.report().unused());
        w.printf("Ignored       %d buffers %s%n", r.report().ignored().size(), r.report().ignored());
        w.printf("Wrote         %s%n", r.folder().dir());
        w.flush();
        return 0;
    }

    private Activation activation() {
        try { return Activation.of(activation.replace('-', '_')); }
        catch (IllegalArgumentException e) { throw new cmer.core.CmerException("--activation " + activation + ": expected quick-gelu or gelu", cmer.core.CmerException.USAGE, e); }
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override public Format convert(String v) { return Format.valueOf(v.replace('-', '_')); }
    }
}
