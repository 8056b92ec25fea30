package cmer.app;

import cmer.app.explore.ExploreService;
import cmer.app.explore.ExploreView;
import cmer.app.explore.ExploreViewModel;
import cmer.app.bench.BenchView;
import cmer.app.bench.BenchViewModel;
import cmer.app.runs.RunsView;
import cmer.app.train.TrainService;
import cmer.app.train.TrainView;
import cmer.app.train.TrainViewModel;
import cmer.app.task.FxTaskExecutor;
import cmer.core.AppPaths;
import cmer.app.runs.RunsViewModel;
import cmer.app.shell.ShellView;
import cmer.app.shell.ShellViewModel;
import cmer.core.CmerException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import javafx.application.Platform;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The JavaFX application. Start it through {@link #launchBlocking}, never as the JVM's main class. */
public final class StudioApp extends Application {
    private static Path runsDir = Path.of("runs");
    private static Path indexDir;

    static void launchBlocking(Path runs, Path index) {
        runsDir = runs;
        indexDir = index;
        try {
            Application.launch(StudioApp.class);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new CmerException("the window toolkit did not start: " + e.getMessage()
                    + "\n  A desktop needs the Debian packages libgtk-3-0 libgl1 libxxf86vm1 (apt-get install -y libgtk-3-0 libgl1 libxxf86vm1).",
                    CmerException.ENGINE, e);
        }
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("CMER Studio");
        stage.getIcons().add(new Image(Objects.requireNonNull(StudioApp.class.getResourceAsStream("icons/cmer-64.png"))));
        RunsViewModel runsVm = new RunsViewModel(runsDir, Platform::runLater);
        RunsView runs = new RunsView(runsVm);
        ExploreService search = new ExploreService();
        FxTaskExecutor tasks = new FxTaskExecutor();
        ExploreViewModel explore = new ExploreViewModel(search, tasks);
        TrainService trainer = new TrainService();
        TrainView train = new TrainView(new TrainViewModel(trainer, runsDir, home().resolve("sample-data"), Platform::runLater, runsVm::showRun));
        BenchViewModel benchVm = new BenchViewModel(runsDir, tasks);
        stage.setScene(scene(new ShellView(new ShellViewModel(runsDir), Map.of("train", train, "runs", runs, "explore", new ExploreView(explore),
                "benchmark", new BenchView(benchVm)))));
        stage.setOnHidden(e -> {
            trainer.close();                       // asks nothing: stop after the step, save last.safetensors, wait for it
            runs.stopPolling();
            tasks.close();
            search.close();
        });
        openDefaultIndex(explore);
        benchVm.refresh();
        stage.show();
        runs.startPolling();
    }

    /**
     * The index given with --index; else the shipped sample data indexed with the shipped model into the
     * user cache (built on first start, brought up to date on later ones: only new or changed files are embedded).
     */
    private static void openDefaultIndex(ExploreViewModel explore) {
        if (indexDir != null) {
            explore.openIndex(indexDir);
            return;
        }
        Path sample = home().resolve("sample-data");
        if (java.nio.file.Files.isDirectory(sample.resolve("models"))) {
            explore.buildIndex(null, sample, AppPaths.fromEnvironment().cache().resolve("indexes").resolve("sample-data"));
        }
    }

    /** The installation folder (the launcher passes -Dcmer.home), else the working folder. */
    private static Path home() { return Path.of(System.getProperty("cmer.home", "")); }

    /** A scene with the Studio's stylesheet, used by the window and by headless tests. */
    public static Scene scene(ShellView view) {
        Scene scene = new Scene(view, 1180, 760);
        scene.getStylesheets().add(Objects.requireNonNull(StudioApp.class.getResource("studio.css")).toExternalForm());
        return scene;
    }
}
