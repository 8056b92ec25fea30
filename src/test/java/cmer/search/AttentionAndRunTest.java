package cmer.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import cmer.core.TrainConfig;
import cmer.data.ImageLoader;
import cmer.eval.Encoder;
import cmer.nn.side.SideNetworks;
import cmer.train.AdamW;
import cmer.train.Checkpoint;
import cmer.train.NegativeQueue;
import cmer.train.RunFolder;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attention maps (zero-shot and focus layer) and loading a CMER run folder's side networks. */
class AttentionAndRunTest {
    @TempDir static Path tmp;
    static Path model;
    static Embedder frozen;
    static BufferedImage airport;

    @BeforeAll
    static void setUp() throws Exception {
        model = SearchFixtures.model(tmp.resolve("m"), 3);
        frozen = Embedder.open(model);
        airport = ImageLoader.load(SearchFixtures.SAMPLE.resolve("airport_0000.jpg"));
    }

    @AfterAll
    static void tearDown() { if (frozen != null) frozen.close(); }

    static double sum(float[] a) {
        double s = 0;
        for (float x : a) s += x;
        return s;
    }

    @Test
    void zeroShotMapsArePatchDistributionsUpsampledToTheImage() throws Exception {
        float[] q1 = frozen.text("planes near the terminal"), q2 = frozen.text("a dense forest");
        AttentionMaps.Map s1 = AttentionMaps.compute(frozen, airport, q1, AttentionMaps.Kind.SALIENCY);
        AttentionMaps.Map s2 = AttentionMaps.compute(frozen, airport, q2, AttentionMaps.Kind.SALIENCY);
        AttentionMaps.Map m1 = AttentionMaps.compute(frozen, airport, q1, AttentionMaps.Kind.QUERY);
        AttentionMaps.Map m2 = AttentionMaps.compute(frozen, airport, q2, AttentionMaps.Kind.QUERY);
        assertEquals(4, s1.grid());
        assertEquals("last-layer CLS attention (no focus layer)", s1.source());
        for (AttentionMaps.Map m : List.of(s1, m1)) {
            assertEquals(16, m.patches().length);
            assertEquals(1, sum(m.patches()), 1e-5);
            assertEquals(192, m.width());
            assertEquals(192 * 192, m.pixels().length);
            for (float v : m.pixels()) assertTrue(v >= 0);
        }
        assertArrayEquals(s1.patches(), s2.patches(), 1e-7f, "the model's saliency does not depend on the query");
        assertFalse(java.util.Arrays.equals(m1.patches(), m2.patches()), "the query-conditioned map does");
        // a square image: the upsampled map is the bilinear resampling of the grid over the whole image
        assertArrayEquals(new cmer.geo.export.AttentionMap(4, 4, m1.patches()).resampled(192, 192), m1.pixels(), 0f);
        Path png = tmp.resolve("overlay.png");
        AttentionMaps.writeOverlay(airport, m1, png);
        BufferedImage o = ImageIO.read(png.toFile());
        assertEquals(192, o.getWidth());
        assertEquals(192, o.getHeight());
    }

    @Test
    void aWideImageGetsTheMapOnItsCentralSquareOnly() {
        float[] grid = new float[16];
        java.util.Arrays.fill(grid, 1 / 16f);
        float[] px = AttentionMaps.upsample(grid, 4, 300, 200);
        assertEquals(0, px[10], 0);                       // x = 10 < 50: outside the crop
        assertEquals(0, px[299], 0);                      // x = 299 >= 250
        assertEquals(1 / 16f, px[100 * 300 + 150], 1e-7f);
        int dark = AttentionMaps.inferno(0), bright = AttentionMaps.inferno(1);
        assertTrue((dark >> 16 & 255) + (dark >> 8 & 255) + (dark & 255) < 30, Integer.toHexString(dark));
        assertTrue((bright >> 16 & 255) > 240 && (bright >> 8 & 255) > 240, Integer.toHexString(bright));
    }

    /** A CMER run folder whose checkpoint holds side networks (Up zero = identity, or random Up and λ). */
    static Path run(String name, boolean identity) throws Exception {
        TrainConfig cfg = TrainConfig.DEFAULTS;
        TrainConfig.Side side = new TrainConfig.Side(1, List.of(), 8, 2, true, true, 1.0, TrainConfig.TextAdapter.SIDE);
        cfg = new TrainConfig(TrainConfig.Method.CMER, new TrainConfig.Cmer(side, cfg.cmer().scene(), cfg.cmer().queue()), cfg.optim(), cfg.schedule(),
                cfg.data(), new TrainConfig.Model(model.toString()), 4, 1, 0, 1, 7, "cpu", 1);
        Map<String, Checkpoint.F32> params = new LinkedHashMap<>();
        Random r = new Random(11);
        try (NDManager m = NDManager.newBaseManager()) {
            Block v = SideNetworks.vision(side, 64, 2), t = SideNetworks.text(side, 64, 2);
            v.initialize(m, DataType.FLOAT32, new Shape(1, 17, 64), new Shape(1, 17, 64));
            t.initialize(m, DataType.FLOAT32, new Shape(1), new Shape(1, 24, 64), new Shape(1, 24, 64));
            for (var e : Map.of("vision", v, "text", t).entrySet())
                for (Map.Entry<String, Parameter> p : SideNetworks.namedParameters(e.getValue(), e.getKey()).entrySet()) {
                    Checkpoint.F32 f = Checkpoint.F32.of(p.getValue().getArray());
                    if (!identity && (p.getKey().contains(".up.") || p.getKey().contains("gamma")))
                        for (int i = 0; i < f.data().length; i++) f.data()[i] = (float) (r.nextGaussian() * 0.2);
                    params.put(p.getKey(), f);
                }
        }
        params.put("logit_scale", new Checkpoint.F32(new long[0], new float[] {(float) Math.log(1 / 0.07)}));
        Path dir = tmp.resolve(name);
        RunFolder.create(dir, cfg);
        NegativeQueue.State q = new NegativeQueue.State(0, 32, new float[0], new long[0], 0, 0);
        new Checkpoint(cfg, 5, 1, 0.1, params, new AdamW.State(5, Map.of(), Map.of()), q, q)
                .write(dir.resolve(RunFolder.CHECKPOINTS).resolve(RunFolder.BEST));
        return dir;
    }

    @Test
    void aRunFolderLoadsItsSideNetworksOnTheBackboneItNames() throws Exception {
        float[] in = cmer.data.ModelInput.of(airport, frozen.imageSize());
        float[] frozenImage = frozen.images(List.of(in))[0], frozenText = frozen.text("planes");
        try (Embedder same = Embedder.open(run("identity-run", true)); Embedder trained = Embedder.open(run("trained-run", false))) {
            assertTrue(same.description().contains("cmer") && same.description().contains("best.safetensors"), same.description());
            assertFalse(same.identity().equals(frozen.identity()), "the checkpoint is part of the model identity");
            // Up = 0 at init: f = CLS exactly, so the CMER model embeds like the frozen backbone (CMER-METHOD.md)
            assertArrayEquals(frozenImage, same.images(List.of(in))[0], 1e-5f);
            assertArrayEquals(frozenText, same.text("planes"), 1e-5f);
            float[] trainedImage = trained.images(List.of(in))[0];
            assertFalse(java.util.Arrays.equals(frozenImage, trainedImage), "trained side weights change the embedding");
            assertEquals(1, SearchFixtures.dot(trainedImage, trainedImage), 1e-5);
            Encoder.Maps maps = trained.maps(in, trained.text("planes"));
            assertEquals(Encoder.SaliencySource.FOCUS_LAYER, maps.source());
            assertEquals(1, sum(maps.saliency()), 1e-5);
            AttentionMaps.Map m = AttentionMaps.compute(trained, airport, trained.text("planes"), AttentionMaps.Kind.SALIENCY);
            assertEquals("focus-layer saliency", m.source());
        }
    }
}
