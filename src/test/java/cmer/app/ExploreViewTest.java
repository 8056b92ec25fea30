package cmer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.app.explore.ExploreService;
import cmer.app.explore.ExploreView;
import cmer.app.explore.ExploreViewModel;
import cmer.app.shell.ShellView;
import cmer.app.shell.ShellViewModel;
import cmer.app.task.FxTaskExecutor;
import cmer.core.ProgressListener;
import cmer.search.Embedder;
import cmer.search.Indexer;
import cmer.search.SearchFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.TilePane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The Explore tab over a real index (the shipped sample model, eight sample images): search, select, attention, export. */
class ExploreViewTest extends ApplicationTest {
    @TempDir static Path dir;
    static Path index;
    private static final ExploreService service = new ExploreService();
    private static final FxTaskExecutor tasks = new FxTaskExecutor();
    private ExploreViewModel vm;

    @BeforeAll
    static void buildIndex() throws Exception {
        Path model = Path.of("sample-data/models/tiny-clip");          // the shipped model: the screenshot shows real ranking
        Path images = SearchFixtures.images(dir.resolve("images"));
        index = dir.resolve("index");
        try (Embedder e = Embedder.open(model)) {
            Indexer.run(e, Indexer.Options.of(images, index), ProgressListener.NONE);
        }
    }

    @AfterAll
    static void close() {
        tasks.close();
        service.close();
    }

    @Override
    public void start(Stage stage) {
        vm = new ExploreViewModel(service, tasks);
        stage.setScene(StudioApp.scene(new ShellView(new ShellViewModel(dir), Map.of("explore", new ExploreView(vm)))));
        stage.show();
    }

    @Test
    void searchesShowsAttentionAndExports() throws Exception {
        clickOn("Explore");
        interact(() -> vm.openIndex(index));
        waitUntil(() -> vm.indexLineProperty().get().contains("8 images"));
        clickOn("#query").write("planes parked near the terminal");
        clickOn("#search");
        waitUntil(() -> !vm.hits().isEmpty() && !vm.busyProperty().get());
        assertEquals(8, lookup("#results").queryAs(TilePane.class).getChildren().size(), "8 images, top 24: all ranked");
        double[] scores = vm.hits().stream().mapToDouble(h -> h.result().score()).toArray();
        for (int i = 1; i < scores.length; i++) assertTrue(scores[i - 1] >= scores[i], "ranked by score");
        waitUntil(() -> lookup("#detail-image").queryAs(ImageView.class).getImage() != null);
        String detail = lookup("#detail").queryAs(Label.class).getText();
        assertTrue(detail.startsWith("#1 "), detail);
        Screenshots.save(lookup("#results").query().getScene(), "studio-explore.png");

        Path out = dir.resolve("export");
        interact(() -> vm.export(out, false));
        waitUntil(() -> vm.statusProperty().get().startsWith("Exported"));
        assertTrue(Files.isRegularFile(out.resolve("results.csv")) || Files.list(out).findAny().isPresent(), "export written");
        assertTrue(vm.statusProperty().get().contains("without georeferencing"), vm.statusProperty().get());
    }

    private static void waitUntil(java.util.function.BooleanSupplier c) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return c.getAsBoolean();
        });
    }
}
