package cmer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.app.runs.RunsView;
import cmer.app.runs.RunsViewModel;
import cmer.app.shell.ShellView;
import cmer.app.shell.ShellViewModel;
import cmer.app.train.TrainService;
import cmer.app.train.TrainView;
import cmer.app.train.TrainViewModel;
import cmer.train.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The Train tab driven through its buttons: a bad batch size is refused, a tiny run trains and shows up in Runs. */
class TrainViewTest extends ApplicationTest {
    @TempDir static Path runsDir;
    private final TrainService service = new TrainService();
    private TrainViewModel vm;
    private RunsViewModel runs;

    @Override
    public void start(Stage stage) {
        runs = new RunsViewModel(runsDir, Platform::runLater);
        vm = new TrainViewModel(service, runsDir, TinyRun.data(), Platform::runLater, runs::showRun);
        vm.extraProperty().set("logEvery=1 device=cpu schedule.warmupSteps=1 cmer.side.tapEvery=2 cmer.side.heads=2");
        stage.setScene(StudioApp.scene(new ShellView(new ShellViewModel(runsDir), Map.of("train", new TrainView(vm), "runs", new RunsView(runs)))));
        stage.show();
    }

    @Test
    void trainsFromTheForm() throws Exception {
        clickOn("Train");
        interact(() -> lookup("#batch-size").queryAs(TextField.class).setText("1"));
        clickOn("#start");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup("#train-error").queryAs(Label.class).getText().startsWith("Batch size must be at least 2"));

        interact(() -> {
            lookup("#batch-size").queryAs(TextField.class).setText("8");
            lookup("#epochs").queryAs(TextField.class).setText("2");
            lookup("#queue-size").queryAs(TextField.class).setText("16");
            lookup("#learning-rate").queryAs(TextField.class).setText("0.002");
            lookup("#run-name").queryAs(TextField.class).setText("cmer-tiny");
        });
        clickOn("#start");
        assertTrue(service.await(120_000), "training ended");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", lookup("#train-error").queryAs(Label.class).getText());
        assertEquals("6 / 6", lookup("#live-step").queryAs(Label.class).getText());
        assertTrue(lookup("#train-status").queryAs(Label.class).getText().startsWith("Finished: 6 steps"));
        assertTrue(Files.isRegularFile(runsDir.resolve("cmer-tiny").resolve("eval.json")));
        assertEquals("cmer-tiny", String.valueOf(runs.selectedProperty().get()), "the Runs tab lists and selects the new run");
        Screenshots.save(lookup("#start").query().getScene(), "studio-train.png");
    }
}
