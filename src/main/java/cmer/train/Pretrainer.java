package cmer.train;

import cmer.core.CmerException;
import cmer.core.Configs;
import cmer.core.FootprintReader;
import cmer.core.MetricEvent;
import cmer.core.TrainConfig;
import cmer.data.CaptionPair;
import cmer.data.Datasets;
import cmer.data.Split;
import cmer.data.sample.PretrainCorpus;
import cmer.nn.ClipConfig;
import cmer.nn.TextConfig;
import cmer.text.BpeTokenizerBuilder;
import cmer.text.ScenePrompts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code cmer pretrain}: the shipped tiny CLIP, trained from scratch with the plain CLIP objective (L_batch only,
 * every parameter trained: method full-ft from random weights) on a generated corpus that differs from
 * sample-data (see {@link PretrainCorpus}), with a BPE tokenizer learnt from the corpus captions and the scene
 * prompt texts. Writes {@code config.json}, {@code tokenizer.json}, {@code model.safetensors} into the model folder.
 *
 * @param seed      corpus and training seed (sample-data uses 7)
 * @param images    corpus images (5 captions each); 4 % form the val split
 * @param imageSize corpus image side in pixels
 * @param epochs    passes over the corpus
 * @param batchSize pairs per step (in-batch negatives of the CLIP loss)
 * @param vocab     BPE vocabulary size
 * @param lr        peak learning rate
 * @param config    shipped model configuration name (cmer/nn/models/NAME.json); its vocabulary size is replaced
 */
public record Pretrainer(long seed, int images, int imageSize, int epochs, int batchSize, int vocab, double lr, String config) {
    public static final Pretrainer DEFAULTS = new Pretrainer(1001, 2000, 160, 2, 64, 2000, 5e-4, "tiny");

    /** Generates the corpus in {@code work/corpus} (reused when present), trains in {@code work/run-<ms>}, writes {@code out}. */
    public Trainer.Result run(Path out, Path work, Consumer<String> log, Consumer<MetricEvent> listener) {
        Path corpus = work.resolve("corpus");
        if (!Files.isRegularFile(corpus.resolve("dataset.json"))) {
            log.accept("generating " + images + " corpus images into " + corpus);
            PretrainCorpus.generate(seed, images, Math.max(1, images / 25), imageSize, corpus);
        }
        List<String> texts = new ArrayList<>();
        for (CaptionPair p : Datasets.open(corpus, FootprintReader.NONE).pairs(Split.TRAIN)) texts.add(p.caption());
        ScenePrompts prompts = new ScenePrompts(TrainConfig.Scene.DEFAULTS);
        for (String s : PretrainCorpus.scenes()) {
            texts.addAll(prompts.prompts(s));
            texts.add(ScenePrompts.readable(s) + " scene:");
        }
        try {
            Files.createDirectories(out);
            Files.deleteIfExists(out.resolve(ModelFolder.WEIGHTS));                  // from scratch, never from an older model
            BpeTokenizerBuilder bpe = new BpeTokenizerBuilder(vocab).train(texts);
            bpe.write(out.resolve(ModelFolder.TOKENIZER));
            ClipConfig base = ClipConfig.named(config);
            TextConfig t = base.text();
            Configs.writeJson(out.resolve(ModelFolder.CONFIG), new ClipConfig(base.vision(), new TextConfig(t.contextLength(), bpe.vocab().size(),
                    t.width(), t.layers(), t.headWidth(), t.mlpWidth(), t.activation(), t.eotTokenId()), null, base.embedDim()));
        } catch (IOException e) {
            throw new CmerException("cannot write " + out + ": " + e.getMessage(), CmerException.IO, e);
        }
        TrainConfig cfg = Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, null, List.of("method=full-ft", "model.backbone=" + out,
                "data.path=" + corpus, "batchSize=" + batchSize, "epochs=" + epochs, "seed=" + seed, "optim.lr=" + lr,
                "optim.weightDecay=0.1", "schedule.warmupSteps=30", "logEvery=10"));
        try (Trainer tr = Trainer.start(cfg, work.resolve("run-" + System.currentTimeMillis()))) {
            tr.describe().forEach(log);
            Trainer.Result r = tr.listener(listener).run();
            if (r.interrupted()) throw new CmerException("pretraining was interrupted; nothing written to " + out, CmerException.INTERRUPTED, null);
            new ModelFolder(out).save(tr.tuning().clip());                           // best val checkpoint's weights
            return r;
        }
    }
}
