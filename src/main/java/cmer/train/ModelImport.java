package cmer.train;

import ai.djl.ndarray.NDManager;
import cmer.core.CmerException;
import cmer.nn.Activation;
import cmer.nn.CheckpointFormat;
import cmer.nn.ClipConfig;
import cmer.nn.ClipModel;
import cmer.nn.LoadReport;
import cmer.nn.ModelDetector;
import cmer.nn.TextConfig;
import cmer.nn.VisionConfig;
import cmer.nn.WeightLoader;
import cmer.nn.WeightSource;
import cmer.nn.io.StateDict;
import cmer.nn.io.StateDictInfo;
import cmer.nn.io.TensorInfo;
import cmer.nn.io.StateDicts;
import cmer.text.ClipTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a pretrained checkpoint the user points to (HF CLIPModel folder, open_clip / RemoteCLIP / GeoRSCLIP
 * {@code .pt}, OpenAI TorchScript, safetensors F32/F16/BF16) into a {@link ModelFolder}: format and config from
 * names and shapes, every parameter loaded with shape checks, weights re-saved in our (open_clip) naming. The
 * folder appears all at once: built in a temporary sibling, then renamed; an existing one is replaced only on
 * {@code force}.
 */
public final class ModelImport {
    /**
     * @param format     null = detect from the names
     * @param tokenizer  null = the tokenizer.json beside the source
     * @param headWidth  0 = from a Hugging Face config.json's num_attention_heads, else 64
     */
    public record Options(CheckpointFormat format, Path tokenizer, Activation activation, int headWidth, boolean force) { }

    /** What was written; {@code report.unused()/ignored()} are the checkpoint tensors that went nowhere. */
    public record Result(ModelFolder folder, String sourceFormat, CheckpointFormat format, ClipConfig config, LoadReport report) { }

    private ModelImport() { }

    public static Result run(Path source, Path out, Options o) {
        if (Files.exists(out) && !o.force()) {
            throw new CmerException(out + " exists; pass --force to replace it", CmerException.USAGE, null);
        }
        Path tokenizer = o.tokenizer() != null ? o.tokenizer() : StateDicts.tokenizerFor(source).orElseThrow(() -> new CmerException(
                source + ": no tokenizer.json beside the checkpoint; pass --tokenizer FILE (a Hugging Face tokenizer.json)",
                CmerException.USAGE, null));
        StateDict sd = StateDicts.read(source);
        WeightSource ws = sd.asWeightSource();
        // head width 1 divides every width: the real one (HF config.json or --head-width) is set in config() below
        ModelDetector.Detected d = ModelDetector.detect(ws, o.activation(), 1);
        CheckpointFormat format = d.format();
        if (o.format() != null && o.format() != format) {
            throw new CmerException(source + ": the tensor names are " + format.title() + "'s, not " + o.format().title() + "'s",
                    CmerException.BAD_INPUT, null);
        }
        if (format == CheckpointFormat.HF_BERT) {
            throw new CmerException(source + ": a BERT checkpoint holds only a text tower; import needs a CLIP checkpoint "
                    + "(vision and text towers)", CmerException.BAD_INPUT, null);
        }
        Map<String, String> hf = StateDicts.info(source).metadata();
        ClipConfig cfg;
        try (ClipTokenizer tok = ClipTokenizer.load(tokenizer)) {
            cfg = config(source, d.clip(), format, o, hf, tok.endId());
            long top = Math.max(tok.startId(), tok.endId());
            if (top >= cfg.text().vocabSize()) {
                throw new CmerException(tokenizer + ": token id " + top + " does not fit the checkpoint's vocabulary of "
                        + cfg.text().vocabSize() + " (text.token_embedding has " + cfg.text().vocabSize() + " rows): wrong tokenizer",
                        CmerException.BAD_INPUT, null);
            }
        }
        Path tmp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".import-" + ProcessHandle.current().pid());
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = ClipModel.create(cfg, manager);
            LoadReport report = WeightLoader.load(model, ws, format);
            deleteTree(tmp);
            Files.createDirectories(tmp);
            Files.copy(tokenizer, tmp.resolve(ModelFolder.TOKENIZER));
            new ModelFolder(tmp).save(model);
            replace(tmp, out);
            return new Result(new ModelFolder(out), sd.format(), format, cfg, report);
        } catch (IOException e) {
            throw new CmerException("cannot write " + out + ": " + e.getMessage(), CmerException.IO, e);
        } finally {
            try { deleteTree(tmp); } catch (IOException ignored) { /* best effort: a leftover hidden temp folder */ }
        }
    }

    /**
     * What {@link #run} would load from a checkpoint, from names and shapes only (for {@code cmer model inspect}): the
     * same {@link WeightLoader} pass over a model built from the detected config, fed zeros instead of the file's data
     * (one tensor at a time). Its {@code unused()/ignored()} are what an import leaves behind; a missing tensor or a
     * wrong shape is the CmerException the import would raise. Head width does not change any parameter shape, so 1.
     */
    public static LoadReport preview(StateDictInfo info) {
        Map<String, TensorInfo> shapes = new LinkedHashMap<>();
        info.tensors().forEach(t -> shapes.put(t.name(), t));
        WeightSource zeros = new WeightSource() {
            @Override public Set<String> names() { return shapes.keySet(); }

            @Override public long[] shape(String name) { return shapes.get(name).shape(); }

            @Override public float[] data(String name) { return new float[Math.toIntExact(shapes.get(name).numel())]; }
        };
        ModelDetector.Detected d = ModelDetector.detect(zeros, Activation.QUICK_GELU, 1);
        if (d.clip() == null) throw new CmerException("import takes CLIP checkpoints; this is " + d.format().title() + "'s");
        try (NDManager manager = NDManager.newBaseManager()) {
            return WeightLoader.load(ClipModel.create(d.clip(), manager), zeros, d.format());
        }
    }

    /** Shapes give everything but head width (HF config.json or the option), activation (option) and EOT pooling. */
    private static ClipConfig config(Path source, ClipConfig c, CheckpointFormat format, Options o, Map<String, String> hf, long eot) {
        VisionConfig v = c.vision();
        TextConfig t = c.text();
        int vh = headWidth(o, hf.get("hf_config.vision.heads"), v.width()), th = headWidth(o, hf.get("hf_config.text.heads"), t.width());
        // HF's text tower pools at the first end-of-text id; open_clip/OpenAI at the largest id. The same position when
        // <|endoftext|> is the largest id (OpenAI's tokenizer), so -1 then.
        int eotId = format == CheckpointFormat.HF_CLIP && eot >= 0 && eot < t.vocabSize() - 1 ? (int) eot : -1;
        try {
            return new ClipConfig(new VisionConfig(v.imageSize(), v.patchSize(), v.width(), v.layers(), vh, v.mlpWidth(), v.activation()),
                    new TextConfig(t.contextLength(), t.vocabSize(), t.width(), t.layers(), th, t.mlpWidth(), t.activation(), eotId),
                    null, c.embedDim());
        } catch (IllegalArgumentException e) {
            throw new CmerException(source + ": " + e.getMessage() + " (set the attention head width with --head-width)", CmerException.BAD_INPUT, e);
        }
    }

    private static int headWidth(Options o, String hfHeads, int width) {
        if (o.headWidth() > 0) return o.headWidth();
        if (hfHeads != null && Integer.parseInt(hfHeads) > 0 && width % Integer.parseInt(hfHeads) == 0) return width / Integer.parseInt(hfHeads);
        return ModelDetector.HEAD_WIDTH;
    }

    /** tmp → out; an existing out is moved aside first and deleted only once the new folder is in place. */
    private static void replace(Path tmp, Path out) throws IOException {
        Path old = tmp.resolveSibling(tmp.getFileName() + ".old");
        boolean had = Files.exists(out);
        if (had) Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (had) Files.move(old, out, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        if (had) deleteTree(old);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
