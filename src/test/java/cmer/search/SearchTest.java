package cmer.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.CmerException;
import cmer.core.ProgressListener;
import cmer.data.ImageLoader;
import cmer.data.ModelInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index, search, resume, re-index and filters over sample images with a tiny random CLIP (mechanics, not quality). */
class SearchTest {
    @TempDir static Path tmp;
    static Path images, index;
    static Embedder emb;
    static Map<String, float[]> direct = new HashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        emb = Embedder.open(SearchFixtures.model(tmp.resolve("m"), 1));
        images = SearchFixtures.images(tmp.resolve("imgs"));
        for (String n : SearchFixtures.IMAGES) direct.put(n + ".jpg", embed(images.resolve(n + ".jpg")));
        index = tmp.resolve("idx");
        Indexer.run(emb, Indexer.Options.of(images, index), ProgressListener.NONE);
    }

    @AfterAll
    static void tearDown() { if (emb != null) emb.close(); }

    static float[] embed(Path p) { return emb.images(List.of(ModelInput.of(ImageLoader.load(p), emb.imageSize())))[0]; }

    @Test
    void indexStoresEverythingAndSearchEqualsBruteForceCosine() throws Exception {
        ArchiveIndex.Gallery g = ArchiveIndex.open(index).read();
        assertEquals(8, g.size());
        int located = 0;
        for (IndexEntry e : g.entries()) {
            assertTrue(Files.isRegularFile(index.resolve(e.thumb())), e.thumb());
            assertEquals(e.id().substring(0, e.id().indexOf('_')), e.label().replace(" ", ""));
            assertEquals(e.label(), e.scene(), "a label among the index's scenes is the image's scene");
            float[] p = g.sceneProbs(g.entries().indexOf(e));
            double sum = 0;
            for (float x : p) sum += x;
            assertEquals(1, sum, 1e-4);
            if (e.footprint().isPresent()) {
                located++;
                double[] b = e.footprint().get().bboxLonLat();
                assertTrue(b[0] > 10 && b[2] < 14 && b[1] > 44 && b[3] < 47, e.id() + " " + e.footprintSummary());
            }
        }
        assertEquals(6, located, "port_0019 and beach_0009 have no world file");
        String q = "many planes are parked near the terminal";
        try (Searcher s = Searcher.open(index, emb)) {
            assertEquals("exact", s.method());
            List<Searcher.Result> rs = s.search(Searcher.Query.of(q, 8));
            float[] qv = emb.text(q);
            List<String> expected = new ArrayList<>(direct.keySet());
            expected.sort(Comparator.comparingDouble((String id) -> -SearchFixtures.dot(qv, direct.get(id))));
            assertEquals(expected, rs.stream().map(r -> r.entry().id()).toList());
            for (Searcher.Result r : rs) assertEquals(SearchFixtures.dot(qv, direct.get(r.entry().id())), r.score(), 1e-5);
            assertEquals(3, s.search(Searcher.Query.of(q, 3)).size());
        }
    }

    @Test
    void interruptedIndexingContinuesWhereItStopped() {
        Path out = tmp.resolve("resumed");
        var o = new Indexer.Options(images, out, 2, 3, null, null, 64);
        RuntimeException crash = assertThrows(RuntimeException.class, () -> Indexer.run(emb, o, (done, total, m) -> {
            if (done >= 4) throw new IllegalStateException("simulated crash");
        }));
        assertEquals("simulated crash", crash.getMessage());
        assertEquals(1, ArchiveIndex.open(out).chunks().size(), "the first chunk of 3 was committed, the second was not");
        assertEquals(3, ArchiveIndex.open(out).read().size());
        Indexer.Report r = Indexer.run(emb, o, ProgressListener.NONE);
        assertEquals(5, r.embedded());
        assertEquals(3, r.unchanged());
        ArchiveIndex.Gallery g = ArchiveIndex.open(out).read();
        assertEquals(8, g.size());
        for (int i = 0; i < g.size(); i++)
            assertArrayEquals(direct.get(g.entries().get(i).id()), java.util.Arrays.copyOfRange(g.rows(), i * g.dim(), (i + 1) * g.dim()), 1e-5f);
    }

    @Test
    void reindexingEmbedsOnlyNewOrChangedFilesAndDropsDeletedOnes() throws Exception {
        Path imgs = SearchFixtures.images(tmp.resolve("imgs-incremental")), out = tmp.resolve("incremental");
        assertEquals(8, Indexer.run(emb, Indexer.Options.of(imgs, out), ProgressListener.NONE).embedded());
        Files.copy(imgs.resolve("forest_0005.jpg"), imgs.resolve("airport_0018.jpg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(imgs.resolve("airport_0018.jpg"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        for (String ext : List.of("jpg", "jgw", "prj")) Files.delete(imgs.resolve("river_0008." + ext));
        for (String ext : List.of("jpg", "jgw", "prj")) Files.copy(SearchFixtures.SAMPLE.resolve("bridge_0010." + ext), imgs.resolve("bridge_0010." + ext));
        Indexer.Report r = Indexer.run(emb, Indexer.Options.of(imgs, out), ProgressListener.NONE);
        assertEquals(2, r.embedded());
        assertEquals(6, r.unchanged());
        assertEquals(1, r.removed());
        ArchiveIndex.Gallery g = ArchiveIndex.open(out).read();
        assertEquals(8, g.size());
        assertFalse(g.entries().stream().anyMatch(e -> e.id().startsWith("river")));
        int at = g.entries().stream().map(IndexEntry::id).toList().indexOf("airport_0018.jpg");
        assertArrayEquals(direct.get("forest_0005.jpg"), java.util.Arrays.copyOfRange(g.rows(), at * g.dim(), (at + 1) * g.dim()), 1e-5f);
        assertEquals(0, Indexer.run(emb, Indexer.Options.of(imgs, out), ProgressListener.NONE).embedded());
    }

    @Test
    void reindexingManyChangedFilesCompactsTheIndexKeepingTheOrder() throws Exception {
        Path imgs = SearchFixtures.images(tmp.resolve("imgs-compact")), out = tmp.resolve("compact");
        Indexer.run(emb, Indexer.Options.of(imgs, out), ProgressListener.NONE);
        ArchiveIndex idx = ArchiveIndex.open(out);
        ArchiveIndex.Gallery before = idx.read();
        Files.writeString(out.resolve(ArchiveIndex.CHUNKS).resolve("99999.f32"), "left by a crash");
        for (String id : List.of("airport_0018.jpg", "forest_0005.jpg", "bridge_0010.jpg")) {
            if (!Files.exists(imgs.resolve(id))) continue;
            Files.setLastModifiedTime(imgs.resolve(id), FileTime.fromMillis(System.currentTimeMillis() + 9000));
        }
        String gone = before.entries().get(0).id();
        Files.delete(imgs.resolve(gone));
        Indexer.Report r = Indexer.run(emb, Indexer.Options.of(imgs, out), ProgressListener.NONE);
        assertTrue(r.embedded() >= 2 && r.compacted() == r.embedded() + 1, r.toString());   // superseded rows + the removed one

        ArchiveIndex after = ArchiveIndex.open(out);
        assertEquals(1, after.chunks().size());
        assertEquals(after.storedRows(), after.read().size());
        ArchiveIndex.Gallery g = after.read();
        assertEquals(before.entries().stream().map(IndexEntry::id).skip(1).toList(), g.entries().stream().map(IndexEntry::id).toList());
        for (int i = 0; i < g.size(); i++)                                              // same content, same order
            assertArrayEquals(java.util.Arrays.copyOfRange(before.rows(), (i + 1) * g.dim(), (i + 2) * g.dim()),
                    java.util.Arrays.copyOfRange(g.rows(), i * g.dim(), (i + 1) * g.dim()), 1e-5f);
        String chunk = after.chunks().get(0).name();
        try (var files = Files.list(out.resolve(ArchiveIndex.CHUNKS))) {
            assertEquals(java.util.Set.of(chunk + ".f32", chunk + ".scenes.f32", chunk + ".jsonl"),
                    files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        try (var thumbs = Files.list(out.resolve(ArchiveIndex.THUMBS))) { assertEquals(g.size(), thumbs.count()); }
        try (Searcher s = Searcher.open(out, emb, true)) {
            assertEquals(g.size(), s.search(new Searcher.Query("a forest", 20, List.of(), 0, 0, null)).size());
        }
    }

    @Test
    void sceneAwareScoreIsSimilarityPlusBetaLogSceneProbability() {
        assertEquals(0.5, Searcher.score(0.5, 0, -3), 0);
        assertEquals(0.5 + 0.1 * Math.log(0.25), Searcher.score(0.5, 0.1, Math.log(0.25)), 1e-12);
        String q = "a ship is docked in the port";
        try (Searcher s = Searcher.open(index, emb)) {
            float[] qv = emb.text(q), pq = s.sceneDistribution(qv);
            double beta = 0.05;
            List<Searcher.Result> rs = s.search(new Searcher.Query(q, 8, List.of(), 0, beta, null));
            ArchiveIndex.Gallery g = ArchiveIndex.open(index).read();
            Map<String, Double> want = new HashMap<>();
            for (IndexEntry e : g.entries())
                want.put(e.id(), SearchFixtures.dot(qv, direct.get(e.id())) + beta * Math.log(pq[s.scenes().indexOf(e.scene())]));
            List<String> order = new ArrayList<>(want.keySet());
            order.sort(Comparator.comparingDouble(id -> -want.get(id)));
            assertEquals(order, rs.stream().map(r -> r.entry().id()).toList());
            for (Searcher.Result r : rs) {
                assertEquals(want.get(r.entry().id()), r.score(), 1e-5);
                assertEquals(r.similarity() + beta * r.sceneLogProb(), r.score(), 1e-9);
            }
        }
    }

    @Test
    void sceneAndBoundingBoxFiltersKeepOnlyMatchingImages() {
        try (Searcher s = Searcher.open(index, emb)) {
            List<Searcher.Result> port = s.search(new Searcher.Query("ships", 8, List.of("port"), 0, 0, null));
            assertEquals(List.of("port", "port"), port.stream().map(r -> r.entry().scene()).toList());
            float[] pq = s.sceneDistribution(emb.text("ships"));
            String top = s.scenes().names().get(SceneSet.argmax(pq));
            List<Searcher.Result> topScene = s.search(new Searcher.Query("ships", 8, List.of(), 1, 0, null));
            assertFalse(topScene.isEmpty());
            topScene.forEach(r -> assertEquals(top, r.entry().scene()));
            IndexEntry airport = ArchiveIndex.open(index).read().entries().stream().filter(e -> e.id().equals("airport_0000.jpg")).findFirst().orElseThrow();
            double[] b = airport.footprint().orElseThrow().bboxLonLat();
            double cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
            List<Searcher.Result> near = s.search(new Searcher.Query("planes", 8, List.of(), 0, 0, new double[] {cx - 1e-5, cy - 1e-5, cx + 1e-5, cy + 1e-5}));
            assertTrue(near.stream().anyMatch(r -> r.entry().id().equals("airport_0000.jpg")));
            near.forEach(r -> assertTrue(r.entry().intersects(new double[] {cx - 1e-5, cy - 1e-5, cx + 1e-5, cy + 1e-5})));
            assertTrue(near.size() < 8, "images elsewhere and without georeferencing are filtered out");
            CmerException e = assertThrows(CmerException.class, () -> s.search(new Searcher.Query("x", 3, List.of("volcano"), 0, 0, null)));
            assertTrue(e.getMessage().contains("volcano") && e.getMessage().contains("airport"), e.getMessage());
        }
    }

    @Test
    void anIndexBuiltWithAnotherModelIsRefused() throws Exception {
        try (Embedder other = Embedder.open(SearchFixtures.model(tmp.resolve("m2"), 2))) {
            assertNotEquals(emb.identity(), other.identity());
            CmerException e = assertThrows(CmerException.class, () -> Searcher.open(index, other));
            assertTrue(e.getMessage().contains("was built with") && e.getMessage().contains(emb.identity()), e.getMessage());
            assertThrows(CmerException.class, () -> Indexer.run(other, Indexer.Options.of(images, index), ProgressListener.NONE));
        }
    }

    @Test
    void imageToTextRanksTheCaptionsOfADatasetByCosine() throws Exception {
        Path ds = tmp.resolve("caps/dataset.json");
        Files.createDirectories(ds.getParent());
        List<String> caps = SearchFixtures.corpus().subList(0, 8);
        StringBuilder j = new StringBuilder("{\"images\": [");
        for (int i = 0; i < 2; i++) {
            j.append(i == 0 ? "" : ",").append("{\"filename\": \"img").append(i).append(".jpg\", \"split\": \"test\", \"sentences\": [");
            for (int c = 0; c < 4; c++) j.append(c == 0 ? "" : ",").append("{\"raw\": \"").append(caps.get(i * 4 + c)).append("\"}");
            j.append("]}");
        }
        Files.writeString(ds, j.append("]}").toString());
        Path image = images.resolve("port_0001.jpg");
        List<CaptionRanker.Ranked> rs = CaptionRanker.rank(emb, image, ds, 8);
        float[] v = direct.get("port_0001.jpg");
        float[][] t = emb.texts(caps);
        List<String> order = new ArrayList<>(caps);
        order.sort(Comparator.comparingDouble(c -> -SearchFixtures.dot(v, t[caps.indexOf(c)])));
        assertEquals(order, rs.stream().map(CaptionRanker.Ranked::caption).toList());
        assertEquals("img0.jpg", rs.stream().filter(r -> r.caption().equals(caps.get(0))).findFirst().orElseThrow().imageId());
    }

    @Test
    void theHnswPathRanksLikeExactSearchAndIsRebuiltOnlyWhenTheIndexChanged() throws Exception {
        Path imgs = SearchFixtures.images(tmp.resolve("imgs-hnsw")), out = tmp.resolve("hnsw-idx");
        Indexer.run(emb, Indexer.Options.of(imgs, out), ProgressListener.NONE);
        Searcher.Query q = new Searcher.Query("cars in the parking lot", 5, List.of(), 0, 0.05, null);
        List<Searcher.Result> exact;
        try (Searcher s = Searcher.open(out, emb, false)) { exact = s.search(q); }
        try (Searcher s = Searcher.open(out, emb, true)) {
            assertEquals("hnsw", s.method());
            assertEquals(exact.stream().map(r -> r.entry().id()).toList(), s.search(q).stream().map(r -> r.entry().id()).toList());
        }
        ArchiveIndex idx = ArchiveIndex.open(out);
        assertEquals(Long.toString(idx.version()), Files.readString(out.resolve(SearchIndex.STAMP)).strip());
        assertFalse(SearchIndex.buildHnsw(idx, idx.read(), ProgressListener.NONE), "an up-to-date graph is kept");
        Files.setLastModifiedTime(imgs.resolve("forest_0005.jpg"), FileTime.fromMillis(System.currentTimeMillis() + 9000));
        Indexer.run(emb, Indexer.Options.of(imgs, out), ProgressListener.NONE);
        idx = ArchiveIndex.open(out);
        assertTrue(SearchIndex.buildHnsw(idx, idx.read(), ProgressListener.NONE), "a commit makes the graph stale");
    }
}
