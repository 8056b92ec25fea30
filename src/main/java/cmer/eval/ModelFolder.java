package cmer.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import cmer.core.AtomicFiles;
import cmer.core.CmerException;
import cmer.core.Configs;
import cmer.nn.Activation;
import cmer.nn.ClipConfig;
import cmer.nn.ClipModel;
import cmer.nn.ModelDetector;
import cmer.nn.ParameterPaths;
import cmer.nn.WeightSource;
import cmer.nn.io.StateDict;
import cmer.nn.io.StateDicts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model folder, the unit a user points {@code --model} at: {@code config.json} (a {@link ClipConfig}),
 * {@code model.safetensors} (open_clip or Hugging Face names) and {@code tokenizer.json}. Without
 * {@code config.json} the configuration is read off the tensor shapes ({@link ModelDetector}, QuickGELU).
 * The shipped sample model is the folder {@code sample-data/models/tiny-clip}.
 */
public record ModelFolder(Path dir, ClipConfig config, Path weights, Path tokenizer) {
    public static final String CONFIG = "config.json", WEIGHTS = "model.safetensors", TOKENIZER = "tokenizer.json";
    /** The shipped sample model, relative to the installation (system property {@code cmer.home}) or the working folder. */
    public static final Path SAMPLE = Path.of("sample-data", "models", "tiny-clip");

    /** True when {@code dir} looks like a model folder (it holds model.safetensors). */
    public static boolean is(Path dir) { return Files.isRegularFile(dir.resolve(WEIGHTS)); }

    /** The sample model folder: under {@code -Dcmer.home} when set, else under the working folder. */
    public static Path sample() {
        String home = System.getProperty("cmer.home");
        Path p = home != null ? Path.of(home).resolve(SAMPLE) : SAMPLE.toAbsolutePath();
        if (!is(p)) throw new CmerException("the sample model is not at " + p + " (expected " + WEIGHTS + ", " + TOKENIZER
                + " and " + CONFIG + "); give --model MODEL_FOLDER_OR_RUN", CmerException.USAGE, null);
        return p;
    }

    public static ModelFolder open(Path dir) {
        Path weights = dir.resolve(WEIGHTS), tok = dir.resolve(TOKENIZER), cfg = dir.resolve(CONFIG);
        if (!Files.isRegularFile(weights)) throw new CmerException(dir + ": not a model folder (no " + WEIGHTS + ")", CmerException.USAGE, null);
        if (!Files.isRegularFile(tok)) throw new CmerException(dir + ": no " + TOKENIZER + " beside " + WEIGHTS + " (the text tower needs it)", CmerException.USAGE, null);
        ClipConfig c;
        if (Files.isRegularFile(cfg)) {
            try {
                c = Configs.JSON.readValue(cfg.toFile(), ClipConfig.class);
            } catch (IOException | IllegalArgumentException e) {
                throw new CmerException(cfg + ": not a model configuration (vision, text, embedDim): " + e.getMessage(), CmerException.BAD_INPUT, e);
            }
        } else {
            c = ModelDetector.detect(source(StateDicts.read(weights)), Activation.QUICK_GELU).clip();
        }
        return new ModelFolder(dir.toAbsolutePath().normalize(), c, weights, tok);
    }

    /** A state dict as the weight loader's source. */
    public static WeightSource source(StateDict sd) {
        Map<String, WeightSource.Tensor> m = new LinkedHashMap<>();
        sd.tensors().forEach((k, t) -> m.put(k, new WeightSource.Tensor(t.shape(), t.data())));
        return WeightSource.of(m);
    }

    /** Writes {@code model}'s weights (canonical open_clip names), its configuration and a copy of {@code tokenizerJson} into {@code dir}. */
    public static ModelFolder write(ClipModel model, Path tokenizerJson, Path dir) throws IOException {
        Files.createDirectories(dir);
        NDList named = new NDList();
        ParameterPaths.of(model).forEach((name, p) -> {
            NDArray a = p.getArray().duplicate();
            a.setName(name);
            named.add(a);
        });
        try {
            AtomicFiles.write(dir.resolve(WEIGHTS), out -> named.encode(out, NDList.Encoding.SAFETENSORS));
        } finally {
            named.close();
        }
        Configs.writeJson(dir.resolve(CONFIG), model.config());
        AtomicFiles.write(dir.resolve(TOKENIZER), out -> Files.copy(tokenizerJson, out));
        return open(dir);
    }
}
