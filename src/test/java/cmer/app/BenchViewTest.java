package cmer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.app.bench.BenchView;
import cmer.app.bench.BenchViewModel;
import cmer.app.bench.BenchViewModel.Row;
import cmer.app.shell.ShellView;
import cmer.app.shell.ShellViewModel;
import cmer.app.task.TaskExecutor;
import cmer.core.Configs;
import cmer.core.MetricEvent;
import cmer.core.TrainConfig;
import cmer.train.RunFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The Benchmark tab over run folders written the way the trainer writes them (config, train.log, metrics, eval.json). */
class BenchViewTest extends ApplicationTest {
    private static final double MIB = 1024.0 * 1024.0;
    @TempDir static Path runsDir;
    private BenchViewModel vm;

    /** A finished run: {@code steps} train lines, a val line per 10 steps, eval.json with val and test. */
    static void finishedRun(Path dir, List<String> settings, long trainable, double pairsPerS, double peakMib, double idleMib,
                            double[] valMr, double[] test) {
        RunFolder run = RunFolder.create(dir, Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, null, settings));
        run.log(String.format("parameters: %,d trainable of %,d (x %%)", trainable, 151_277_313L));
        for (int s = 1; s <= 30; s++) {
            double peak = (peakMib - 40 + s) * MIB;              // rises to peakMib - 10 at step 30 ...
            if (s == 17) peak = peakMib * MIB;                   // ... the largest value is at step 17
            run.append(MetricEvent.train(s, s / 10, "cpu()", 1, 0, 1, 1e-4, 0.05, 1000 / pairsPerS * 32, pairsPerS + (s % 3 - 1) * 0.5,
                    peak, peak, peak - idleMib * MIB, peak - idleMib * MIB));
            if (s % 10 == 0) run.append(MetricEvent.eval(s, s / 10 - 1, "val", 0, 0, 0, 0, 0, 0, valMr[s / 10 - 1]));
        }
        MetricEvent t = MetricEvent.eval(30, 2, "test", test[0], test[1], test[2], test[3], test[4], test[5],
                (test[0] + test[1] + test[2] + test[3] + test[4] + test[5]) / 6);
        run.append(t);
        run.writeEval(List.of(MetricEvent.eval(30, 2, "val", 0, 0, 0, 0, 0, 0, 40), t), "checkpoints/best.safetensors");
    }

    @Override
    public void start(Stage stage) {
        finishedRun(runsDir.resolve("a-full-ft"), List.of("method=full-ft"), 151_277_313, 3.0, 6300, 650,
                new double[] {30, 38, 36}, new double[] {12, 35, 50, 10, 33, 49});
        finishedRun(runsDir.resolve("b-adapter"), List.of("method=adapter"), 2_400_000, 6.0, 2100, 650,
                new double[] {28, 35, 37}, new double[] {11, 33, 48, 9, 31, 47});
        finishedRun(runsDir.resolve("c-cmer"), List.of("method=cmer", "cmer.queue.size=1024", "cmer.scene.p=0.3"), 1_100_000, 9.0, 1300, 650,
                new double[] {31, 41, 40}, new double[] {14, 38, 53, 12, 36, 52});
        finishedRun(runsDir.resolve("d-cmer-no-queue"), List.of("method=cmer", "cmer.queue.enabled=false", "cmer.side.focusLayer=false",
                "cmer.scene.augment=false"), 1_100_000, 9.5, 1250, 650, new double[] {29, 33, 35}, new double[] {13, 36, 51, 11, 34, 50});
        RunFolder.create(runsDir.resolve("e-running"), TrainConfig.DEFAULTS);                      // no eval.json: not finished
        vm = new BenchViewModel(runsDir, TaskExecutor.direct());
        stage.setScene(StudioApp.scene(new ShellView(new ShellViewModel(runsDir), Map.of("benchmark", new BenchView(vm)))));
        stage.show();
    }

    @Test
    void comparesFinishedRunsSideBySide() throws Exception {
        clickOn("Benchmark");
        clickOn("#bench-refresh");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, lookup("#bench-table").queryAs(TableView.class).getItems().size());
        Row cmer = vm.rows().get(2);
        assertEquals("c-cmer", cmer.name());
        assertEquals("cmer", cmer.method());
        assertEquals(true, cmer.focus());
        assertEquals(0.3, cmer.sceneP());
        assertEquals(1024, cmer.queueSize());
        assertEquals(1_100_000, cmer.trainable());
        assertEquals(1300, cmer.peakMib(), 1e-9, "the largest peak of any step, not the last");
        assertEquals(650, cmer.peakAboveIdleMib(), 1e-9);
        assertEquals(9.0, cmer.pairsPerS(), 1e-9, "median pairs/s");
        assertEquals(41, cmer.bestValMr(), 1e-9, "best val mR over the run, not the last");
        assertEquals(14, cmer.r1I2t(), 1e-9);
        assertEquals(52, cmer.r10T2i(), 1e-9);
        assertEquals((14 + 38 + 53 + 12 + 36 + 52) / 6.0, cmer.mr(), 1e-9);
        Row ablation = vm.rows().get(3);
        assertEquals(false, ablation.focus());
        assertEquals(0.0, ablation.sceneP());
        assertEquals(0, ablation.queueSize());
        assertNull(vm.rows().get(0).focus(), "a baseline has no CMER switches");
        assertEquals(cmer.mr(), vm.mrChart().getValue("test mR", "c-cmer").doubleValue(), 1e-9);
        assertEquals(6300, vm.memoryChart().getValue("peak", "a-full-ft").doubleValue(), 1e-9);
        assertTrue(vm.statusProperty().get().contains("4 finished run(s)") && vm.statusProperty().get().contains("e-running"), vm.statusProperty().get());
        Screenshots.save(lookup("#bench-table").query().getScene(), "studio-benchmark.png");
    }
}
