package cmer.search;

import ai.djl.ndarray.NDManager;
import cmer.core.TrainConfig;
import cmer.train.ModelFolder;
import cmer.nn.Activation;
import cmer.nn.ClipConfig;
import cmer.nn.ClipModel;
import cmer.nn.TextConfig;
import cmer.nn.VisionConfig;
import cmer.text.BpeTokenizerBuilder;
import cmer.text.ScenePrompts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test data for search: a tiny randomly initialised CLIP written as a model folder (tests check mechanics — ranking
 * equals brute force, resumability, filters — not retrieval quality) and a few georeferenced sample images.
 */
public final class SearchFixtures {
    /** Eight sample images of six scenes; port_0019 and beach_0009 have no georeferencing. */
    public static final List<String> IMAGES = List.of("airport_0000", "airport_0018", "port_0001", "port_0019", "parking_0002", "forest_0005",
            "river_0008", "beach_0009");
    static final Path SAMPLE = Path.of("sample-data", "images");

    private SearchFixtures() { }

    static List<String> corpus() {
        List<String> c = new ArrayList<>(List.of("many planes are parked near the terminal of the airport .", "a ship is docked in the port .",
                "cars are parked in rows in the parking lot .", "a dense forest of green trees .", "a river winds through green fields .",
                "white waves along a yellow beach .", "storage tanks stand in rows .", "a bridge crosses the river ."));
        for (String s : SceneSet.DEFAULT) c.addAll(new ScenePrompts(TrainConfig.Scene.DEFAULTS).prompts(s));
        return c;
    }

    static ClipConfig config(int vocab) {
        return new ClipConfig(new VisionConfig(32, 8, 64, 2, 32, 128, Activation.QUICK_GELU),
                new TextConfig(24, vocab, 64, 2, 32, 128, Activation.QUICK_GELU, -1), null, 32);
    }

    /** A model folder with random weights drawn from {@code seed}. */
    public static Path model(Path dir, long seed) throws IOException {
        Path folder = dir.resolve("model");
        Files.createDirectories(folder);
        BpeTokenizerBuilder b = new BpeTokenizerBuilder(700).train(corpus());
        b.write(folder.resolve(ModelFolder.TOKENIZER));
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
        try (NDManager m = NDManager.newBaseManager()) {
            new ModelFolder(folder).save(ClipModel.create(config(b.vocab().size()), m));
        }
        return folder;
    }

    /** Copies the fixture images (with their .jgw/.prj sidecars) into {@code dir}. */
    public static Path images(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String n : IMAGES)
            for (String ext : List.of("jpg", "jgw", "prj")) {
                Path src = SAMPLE.resolve(n + "." + ext);
                if (Files.exists(src)) Files.copy(src, dir.resolve(n + "." + ext));
            }
        return dir;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }
}
