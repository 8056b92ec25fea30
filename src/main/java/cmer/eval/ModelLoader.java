package cmer.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import cmer.core.CmerException;
import cmer.core.TrainConfig;
import cmer.nn.ClipModel;
import cmer.nn.ParameterPaths;
import cmer.nn.side.SideNetworks;
import cmer.text.ClipTokenizer;
import cmer.train.Checkpoint;
import cmer.train.RunFolder;
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
 * Resolves {@code --model}: nothing = the shipped sample model; a model folder = its frozen backbone
 * (zero-shot); a run folder = its best checkpoint (else last) on the backbone its config names, with the side
 * networks for {@code method = cmer}, the trained backbone weights for {@code full-ft}.
 */
final class ModelLoader {
    /** Prefixes a checkpoint may give the side networks' parameters (the trainer's naming). */
    static final List<String> VISION_PREFIXES = List.of("side.vision", "vision", "visual", "image");
    static final List<String> TEXT_PREFIXES = List.of("side.text", "text");

    private ModelLoader() { }

    static Encoder load(Path modelOrRun) {
        if (modelOrRun == null) return fromFolder(ModelFolder.open(ModelFolder.sample()), null, null, null);
        Path p = modelOrRun.toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) throw new CmerException(modelOrRun + ": no such model or run folder", CmerException.USAGE, null);
        if (ModelFolder.is(p)) return fromFolder(ModelFolder.open(p), null, null, null);
        if (!Files.isRegularFile(p.resolve(RunFolder.CONFIG)))
            throw new CmerException(modelOrRun + ": neither a model folder (" + ModelFolder.WEIGHTS + ") nor a run folder (" + RunFolder.CONFIG + ")", CmerException.USAGE, null);
        Path ckpts = p.resolve(RunFolder.CHECKPOINTS), best = ckpts.resolve(RunFolder.BEST), last = ckpts.resolve(RunFolder.LAST);
        Path file = Files.isRegularFile(best) ? best : Files.isRegularFile(last) ? last : null;
        TrainConfig cfg = RunFolder.open(p).config();
        Checkpoint ck = file == null ? null : Checkpoint.read(file);
        if (ck != null) cfg = ck.config();
        if (ck == null && cfg.method() != TrainConfig.Method.ZERO_SHOT)
            throw new CmerException(p + ": the run has no checkpoint yet (" + RunFolder.CHECKPOINTS + "/" + RunFolder.BEST + " or " + RunFolder.LAST + ")", CmerException.USAGE, null);
        String bb = cfg.model().backbone();
        Path backbone = bb.equals("sample") ? ModelFolder.sample() : Path.of(bb).isAbsolute() || Files.isDirectory(Path.of(bb)) ? Path.of(bb) : p.resolve(bb);
        return fromFolder(ModelFolder.open(backbone), cfg, ck, file);
    }

    private static Encoder fromFolder(ModelFolder folder, TrainConfig cfg, Checkpoint ck, Path ckFile) {
        NDManager root = NDManager.newBaseManager();                                          // loads the engine first
        JniUtils.setGradMode(false);                                                          // this thread's grad mode
        try {
            ClipModel clip = ClipModel.create(folder.config(), root);
            Encoder.loadBackbone(clip, folder);
            Block vSide = null, tSide = null;
            int[] vTaps = null, tTaps = null;
            boolean focus = false;
            String what = "model " + folder.dir() + " (frozen backbone)";
            if (cfg != null && ck != null) {
                switch (cfg.method()) {
                    case CMER -> {
                        TrainConfig.Side s = cfg.cmer().side();
                        vTaps = zeroBased(s.tapLayers(clip.visual().layers()));
                        tTaps = zeroBased(s.tapLayers(clip.text().layers()));
                        vSide = SideNetworks.vision(s, clip.visual().width(), vTaps.length);
                        tSide = SideNetworks.text(s, clip.text().width(), tTaps.length);
                        long tv = folder.config().vision().tokens(), tt = folder.config().contextLength();
                        vSide.initialize(root, DataType.FLOAT32, repeat(new Shape(1, tv, clip.visual().width()), vTaps.length, null));
                        tSide.initialize(root, DataType.FLOAT32, repeat(new Shape(1, tt, clip.text().width()), tTaps.length, new Shape(1)));
                        copy(SideNetworks.namedParameters(vSide, ""), ck.params(), VISION_PREFIXES, ckFile, "image side network");
                        copy(SideNetworks.namedParameters(tSide, ""), ck.params(), TEXT_PREFIXES, ckFile, "text side network");
                        focus = s.focusLayer();
                    }
                    case FULL_FT -> copy(ParameterPaths.of(clip), ck.params(), List.of("", "model", "clip"), ckFile, "fine-tuned backbone");
                    case ZERO_SHOT -> { }
                    case ADAPTER -> throw new CmerException(ckFile + ": runs of method 'adapter' put adapters inside the backbone blocks; "
                            + "search supports zero-shot, full-ft and cmer runs", CmerException.USAGE, null);
                }
                what = "run " + ckFile.getParent().getParent() + " (" + cfg.method().name().toLowerCase().replace('_', '-') + ", "
                        + ckFile.getFileName() + " step " + ck.step() + ") on " + folder.dir();
            }
            ClipTokenizer tok = ClipTokenizer.load(folder.tokenizer(), folder.config().contextLength());
            String id = hash(folder.weights(), ckFile);
            return new Encoder(root, clip, vSide, tSide, vTaps, tTaps, focus, tok, id, what);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** A frozen backbone with random weights (benchmarks of the ViT-B/32 shape without its 600 MB file). */
    static Encoder random(cmer.nn.ClipConfig cfg, Path tokenizerJson, String name) {
        NDManager root = NDManager.newBaseManager();                                          // loads the engine first
        JniUtils.setGradMode(false);                                                          // this thread's grad mode
        try {
            ClipModel clip = ClipModel.create(cfg, root);
            ClipTokenizer tok = ClipTokenizer.load(tokenizerJson, cfg.contextLength());
            return new Encoder(root, clip, null, null, null, null, false, tok, "random-" + name, name + " with random weights");
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private static int[] zeroBased(int[] oneBased) { return Arrays.stream(oneBased).map(l -> l - 1).toArray(); }

    private static Shape[] repeat(Shape s, int n, Shape first) {
        Shape[] out = new Shape[n + (first == null ? 0 : 1)];
        int o = 0;
        if (first != null) out[o++] = first;
        for (int i = 0; i < n; i++) out[o++] = s;
        return out;
    }

    /** Copies checkpoint tensors into {@code params} under the first prefix that supplies all of them. */
    private static void copy(Map<String, Parameter> params, Map<String, Checkpoint.F32> ck, List<String> prefixes, Path file, String what) {
        for (String prefix : prefixes) {
            String pre = prefix.isEmpty() ? "" : prefix + ".";
            if (!params.keySet().stream().allMatch(n -> ck.containsKey(pre + n))) continue;
            for (var e : params.entrySet()) {
                Checkpoint.F32 t = ck.get(pre + e.getKey());
                long[] want = e.getValue().getArray().getShape().getShape();
                if (!Arrays.equals(want, t.shape()))
                    throw new CmerException(file + ": tensor param/" + pre + e.getKey() + " has shape " + Arrays.toString(t.shape())
                            + ", the " + what + " expects " + Arrays.toString(want));
                e.getValue().getArray().set(FloatBuffer.wrap(t.data()));
            }
            return;
        }
        String example = params.keySet().stream().findFirst().orElse("?");
        throw new CmerException(file + ": no complete set of " + params.size() + " tensors for the " + what + " (looked for e.g. param/"
                + prefixes.get(0) + "." + example + "; the checkpoint has " + ck.size() + " parameter tensors)");
    }

    /** SHA-256 of the backbone weights and the checkpoint, first 16 hex digits. */
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
