package cmer.train;

import cmer.core.Configs;
import cmer.core.TrainConfig;
import cmer.data.CaptionPair;
import cmer.data.Datasets;
import cmer.data.Split;
import cmer.data.sample.SampleGenerator;
import cmer.data.sample.SampleSpec;
import cmer.core.FootprintReader;
import cmer.nn.ClipConfig;
import cmer.nn.TextConfig;
import cmer.nn.VisionConfig;
import cmer.nn.Activation;
import cmer.text.BpeTokenizerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny generated dataset (6 train / 4 val / 4 test images of 64 px, 5 captions each) and a tiny random CLIP
 * (4 layers, width 32, 32 px images) with a BPE tokenizer trained on the captions: a whole run takes seconds.
 * Made once per test JVM.
 */
public final class TinyRun {
    private static Path root;

    private TinyRun() { }

    public static synchronized Path root() {
        if (root != null) return root;
        try {
            Path dir = Files.createTempDirectory("cmer-tiny-run");
            Path data = dir.resolve("data");
            SampleGenerator.generate(new SampleSpec(3, 6, 4, 4, 64), data, Integer.MAX_VALUE);
            List<String> captions = new ArrayList<>();
            var ds = Datasets.open(data, FootprintReader.NONE);
            for (Split s : Split.values()) for (CaptionPair p : ds.pairs(s)) captions.add(p.caption());
            Path model = data.resolve(ModelFolder.SAMPLE);
            Files.createDirectories(model);
            BpeTokenizerBuilder bpe = new BpeTokenizerBuilder(700).train(captions);
            bpe.write(model.resolve(ModelFolder.TOKENIZER));
            ClipConfig c = new ClipConfig(new VisionConfig(32, 16, 32, 4, 16, 64, Activation.QUICK_GELU),
                    new TextConfig(24, bpe.vocab().size(), 32, 4, 16, 64, Activation.QUICK_GELU, -1), null, 32);
            Configs.writeJson(model.resolve(ModelFolder.CONFIG), c);
            root = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path data() { return root().resolve("data"); }

    /** A config over the tiny data: batch 8, 30 pairs = 3 steps per epoch, 2 epochs, taps every 2nd layer, side reduction 8 (width 4). */
    public static TrainConfig config(String... overrides) {
        List<String> o = new ArrayList<>(List.of("data.path=" + data(), "batchSize=8", "epochs=2", "logEvery=1", "device=cpu",
                "schedule.warmupSteps=1", "cmer.side.tapEvery=2", "cmer.side.heads=2", "cmer.queue.size=16", "optim.lr=0.002"));
        o.addAll(List.of(overrides));
        return Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, null, o);
    }
}
