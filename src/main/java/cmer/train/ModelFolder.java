package cmer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import cmer.core.AtomicFiles;
import cmer.core.CmerException;
import cmer.core.Configs;
import cmer.core.TrainConfig;
import cmer.nn.CheckpointFormat;
import cmer.nn.ClipConfig;
import cmer.nn.ClipModel;
import cmer.nn.ParameterPaths;
import cmer.nn.WeightLoader;
import cmer.nn.io.StateDicts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A backbone on disk: {@code config.json} (a {@link ClipConfig}), {@code tokenizer.json} and, once trained,
 * {@code model.safetensors} under open_clip names (what {@link WeightLoader} reads). A folder without weights
 * starts from random initialisation: that is how {@code cmer pretrain} trains from scratch.
 */
public record ModelFolder(Path dir) {
    public static final String CONFIG = "config.json", TOKENIZER = "tokenizer.json", WEIGHTS = "model.safetensors";
    /** Where "sample" points, relative to the dataset folder. */
    public static final String SAMPLE = "models/tiny-clip";

    /** The run's backbone: "sample" = {@code <data.path>/models/tiny-clip}, else a folder path. */
    public static ModelFolder of(TrainConfig cfg) {
        String b = cfg.model().backbone();
        Path data = cfg.data().path();
        Path dir = b.equals("sample") ? (Files.isDirectory(data) ? data : data.getParent()).resolve(SAMPLE) : Path.of(b);
        if (!Files.isRegularFile(dir.resolve(CONFIG)) || !Files.isRegularFile(dir.resolve(TOKENIZER))) {
            throw new CmerException("model.backbone '" + b + "': " + dir + " needs " + CONFIG + " and " + TOKENIZER
                    + (b.equals("sample") ? " (make the sample model with: cmer pretrain)" : ""), CmerException.USAGE, null);
        }
        return new ModelFolder(dir);
    }

    public ClipConfig config() {
        try {
            return Configs.JSON.readValue(dir.resolve(CONFIG).toFile(), ClipConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new CmerException(dir.resolve(CONFIG) + ": not a model configuration: " + e.getMessage(), CmerException.BAD_INPUT, e);
        }
    }

    public Path tokenizer() { return dir.resolve(TOKENIZER); }

    public boolean hasWeights() { return Files.isRegularFile(dir.resolve(WEIGHTS)); }

    /** Builds the model in {@code manager}; loads the weights when the folder has them. */
    public ClipModel load(NDManager manager) {
        ClipModel m = ClipModel.create(config(), manager);
        if (hasWeights()) {
            WeightLoader.load(m, StateDicts.read(dir.resolve(WEIGHTS)).asWeightSource(), CheckpointFormat.OPEN_CLIP);
        }
        return m;
    }

    /** Writes config.json and model.safetensors (open_clip names, F32) of {@code model}; the tokenizer must be there already. */
    public void save(ClipModel model) {
        try {
            Files.createDirectories(dir);
            Configs.writeJson(dir.resolve(CONFIG), model.config());
            NDList list = new NDList();
            for (Map.Entry<String, Parameter> e : ParameterPaths.of(model).entrySet()) {
                NDArray a = e.getValue().getArray().duplicate();
                a.setName(e.getKey());
                list.add(a);
            }
            AtomicFiles.write(dir.resolve(WEIGHTS), out -> list.encode(out, NDList.Encoding.SAFETENSORS));
            list.close();
        } catch (IOException e) {
            throw new CmerException("cannot write the model to " + dir + ": " + e.getMessage(), CmerException.IO, e);
        }
    }
}
