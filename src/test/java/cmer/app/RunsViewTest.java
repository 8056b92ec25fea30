package cmer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.app.runs.RunsView;
import cmer.app.runs.RunsViewModel;
import cmer.app.shell.ShellView;
import cmer.app.shell.ShellViewModel;
import cmer.core.MetricEvent;
import cmer.core.TrainConfig;
import cmer.train.RunFolder;
import java.nio.file.Path;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The Runs tab over a run folder written the way the trainer writes it, including lines appended while it is open. */
class RunsViewTest extends ApplicationTest {
    @TempDir static Path runsDir;
    private RunsViewModel vm;
    private RunFolder run;

    @Override
    public void start(Stage stage) throws Exception {
        run = RunFolder.create(runsDir.resolve("cmer-sample"), TrainConfig.DEFAULTS);
        for (int s = 1; s <= 60; s++) {
            double l = 4.0 * Math.exp(-s / 25.0) + 0.4;
            run.append(MetricEvent.train(s, s / 20, "cpu()", l * 0.7, s > 20 ? l * 0.3 : 0, l, 1e-4, 0.05, 180, 21.5 + s % 3,
                    900e6, 950e6, 300e6, 350e6));
            if (s % 20 == 0) run.append(MetricEvent.eval(s, s / 20 - 1, "val", 10 + s / 4.0, 30, 45, 8 + s / 5.0, 28, 41, 27 + s / 10.0));
        }
        vm = new RunsViewModel(runsDir, Platform::runLater);
        RunsView view = new RunsView(vm);
        stage.setScene(StudioApp.scene(new ShellView(new ShellViewModel(runsDir), Map.of("runs", view))));
        stage.show();
    }

    @Test
    void plotsARunAndFollowsItLive() throws Exception {
        clickOn("Runs");
        vm.refreshRuns();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, vm.runs().size());
        clickOn("cmer-sample");
        vm.poll();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("cmer-sample", String.valueOf(vm.selectedProperty().get()), "selected");
        TableView<?> table = lookup("#eval-table").queryAs(TableView.class);
        assertEquals(3, table.getItems().size());
        assertEquals(60, vm.loss().getSeries(0).getItemCount());
        String summary = lookup("#run-summary").queryAs(Label.class).getText();
        assertTrue(summary.contains("step 60") && summary.contains("best val mR 33.00") && summary.contains("cmer"), summary);

        run.append(MetricEvent.train(61, 3, "cpu()", 0.5, 0.2, 0.7, 1e-4, 0.05, 180, 22, 900e6, 950e6, 300e6, 350e6));
        vm.poll();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(61, vm.loss().getSeries(0).getItemCount(), "a line appended later shows up on the next poll");
        Screenshots.save(table.getScene(), "studio-runs.png");
    }
}
