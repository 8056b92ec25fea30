package cmer.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import cmer.core.CmerException;
import cmer.core.TrainConfig;
import cmer.nn.ClipConfig;
import cmer.nn.ClipModel;
import cmer.nn.Devices;
import cmer.text.ClipTokenizer;
import cmer.train.Checkpoint;
import cmer.train.ModelFolder;
import cmer.train.RunFolder;
import cmer.train.Tuning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@code --model}: nothing = the shipped sample model; a model folder ({@link ModelFolder}) = its frozen
 * backbone (zero-shot); a run folder = its best checkpoint (else the last) loaded into the trainer's {@link Tuning}
 * of the run's method, on the backbone its config names.
 */
final class ModelLoader {
    private ModelLoader() { }

    /** The sample model folder: {@code sample-data/models/tiny-clip} under {@code -Dcmer.home} when set, else the working folder. */
    static Path sample() {
        String home = System.getProperty("cmer.home");
        Path p = (home != null ? Path.of(home) : Path.of("").toAbsolutePath()).resolve("sample-data").resolve(ModelFolder.SAMPLE);
        if (!Files.isRegularFile(p.resolve(ModelFolder.WEIGHTS)))
            throw new CmerException("the sample model is not at " + p + " (make it with cmer pretrain, or give --model MODEL_OR_RUN_FOLDER)", CmerException.USAGE, null);
        return p;
    }

    static Encoder load(Path modelOrRun, String device) {
        Path p = (modelOrRun == null ? sample() : modelOrRun).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) throw new CmerException(modelOrRun + ": no such model or run folder", CmerException.USAGE, null);
        if (Files.isRegularFile(p.resolve(ModelFolder.WEIGHTS))) return build(new ModelFolder(p), zeroShot(p), null, null, device);
        if (!Files.isRegularFile(p.resolve(RunFolder.CONFIG)))
            throw new CmerException(p + ": neither a model folder (" + ModelFolder.WEIGHTS + ") nor a run folder (" + RunFolder.CONFIG + ")", CmerException.USAGE, null);
        Path ckpts = p.resolve(RunFolder.CHECKPOINTS), best = ckpts.resolve(RunFolder.BEST), last = ckpts.resolve(RunFolder.LAST);
        Path file = Files.isRegularFile(best) ? best : Files.isRegularFile(last) ? last : null;
        TrainConfig cfg = RunFolder.open(p).config();
        Checkpoint ck = file == null ? null : Checkpoint.read(file);
        if (ck != null) cfg = ck.config();
        if (ck == null && cfg.method() != TrainConfig.Method.ZERO_SHOT)
            throw new CmerException(p + ": the run has no checkpoint yet (" + RunFolder.CHECKPOINTS + "/" + RunFolder.BEST + " or " + RunFolder.LAST + ")", CmerException.USAGE, null);
        return build(ModelFolder.of(cfg), cfg, ck, file, device);
    }

    private static TrainConfig zeroShot(Path backbone) {
        TrainConfig d = TrainConfig.DEFAULTS;
        return new TrainConfig(TrainConfig.Method.ZERO_SHOT, d.cmer(), d.optim(), d.schedule(), d.data(), new TrainConfig.Model(backbone.toString()),
                d.batchSize(), d.epochs(), d.maxSteps(), d.evalEvery(), d.seed(), d.device(), d.logEvery());
    }

    private static Encoder build(ModelFolder folder, TrainConfig cfg, Checkpoint ck, Path ckFile, String device) {
        NDManager root = NDManager.newBaseManager(Devices.resolve(device));                   // loads the engine first
        JniUtils.setGradMode(false);                                                          // this thread's grad mode
        try {
            ClipModel clip = folder.load(root);
            Tuning tuning = Tuning.of(cfg, clip, root);
            String method = cfg.method().name().toLowerCase().replace('_', '-');
            String what = "model " + folder.dir() + " (zero-shot: frozen backbone)";
            if (ck != null) {
                copy(tuning.trainable(), ck.params(), ckFile);
                what = "run " + ckFile.getParent().getParent() + " (" + method + ", " + ckFile.getFileName() + " step " + ck.step() + ") on " + folder.dir();
            }
            boolean focus = cfg.method() == TrainConfig.Method.CMER && cfg.cmer().side().focusLayer();
            ClipTokenizer tok = ClipTokenizer.load(folder.tokenizer(), clip.config().contextLength());
            Path weights = folder.hasWeights() ? folder.dir().resolve(ModelFolder.WEIGHTS) : folder.dir().resolve(ModelFolder.CONFIG); // random init: config only
            return new Encoder(root, tuning, focus, tok, hash(weights, ckFile), what);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** A frozen backbone with random weights (benchmarks of the ViT-B/32 shape without its 600 MB file). */
    static Encoder random(ClipConfig cfg, Path tokenizerJson, String name) {
        NDManager root = NDManager.newBaseManager();
        JniUtils.setGradMode(false);
        try {
            Tuning tuning = Tuning.of(zeroShot(Path.of(name)), ClipModel.create(cfg, root), root);
            ClipTokenizer tok = ClipTokenizer.load(tokenizerJson, cfg.contextLength());
            return new Encoder(root, tuning, false, tok, "random-" + name, name + " with random weights");
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** Copies every trained parameter of the method from the checkpoint (same names as the trainer writes). */
    private static void copy(Map<String, Parameter> params, Map<String, Checkpoint.F32> ck, Path file) {
        List<String> missing = params.keySet().stream().filter(n -> !ck.containsKey(n)).toList();
        if (!missing.isEmpty())
            throw new CmerException(file + ": lacks " + missing.size() + " of the " + params.size() + " trained tensors of this run's method, e.g. param/"
                    + missing.get(0) + " (a checkpoint of another method or configuration?)", CmerException.BAD_INPUT, null);
        for (var e : params.entrySet()) {
            Checkpoint.F32 t = ck.get(e.getKey());
            long[] want = e.getValue().getArray().getShape().getShape();
            if (!Arrays.equals(want, t.shape()))
                throw new CmerException(file + ": tensor param/" + e.getKey() + " has shape " + Arrays.toString(t.shape()) + ", the model expects "
                        + Arrays.toString(want), CmerException.BAD_INPUT, null);
            e.getValue().getArray().set(FloatBuffer.wrap(t.data()));
        }
    }

    /** SHA-256 of the backbone weights and the checkpoint, first 16 hex digits: the model identity of an index. */
    static String hash(Path weights, Path checkpoint) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : checkpoint == null ? List.of(weights) : List.of(weights, checkpoint)) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new CmerException("cannot read " + weights + ": " + e.getMessage(), CmerException.IO, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
