package cmer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.app.train.TrainService;
import cmer.app.train.TrainViewModel;
import cmer.core.TrainConfig;
import cmer.train.RunFolder;
import cmer.train.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Train view model over the real trainer on a tiny generated dataset and model; UI updates run inline. */
class TrainViewModelTest {
    @TempDir Path runs;
    private final TrainService service = new TrainService();
    private final List<Path> announced = new ArrayList<>();

    private TrainViewModel vm(int epochs) {
        TrainViewModel vm = new TrainViewModel(service, runs, TinyRun.data(), Runnable::run, announced::add);
        vm.batchSizeProperty().set("8");
        vm.epochsProperty().set(String.valueOf(epochs));
        vm.learningRateProperty().set("0.002");
        vm.queueSizeProperty().set("16");
        vm.extraProperty().set("logEvery=1 device=cpu schedule.warmupSteps=1 cmer.side.tapEvery=2 cmer.side.heads=2");
        return vm;
    }

    @Test
    void theDefaultFormIsTheDemoRunOnTheShippedSampleData() {
        TrainViewModel vm = new TrainViewModel(service, runs, Path.of("sample-data"), Runnable::run, announced::add);
        TrainConfig c = vm.config();
        TrainConfig demo = cmer.core.Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, null, cmer.train.Demo.CMER);
        assertEquals(TrainConfig.Method.CMER, c.method());
        assertEquals(Path.of("sample-data"), c.data().path());
        assertEquals(demo.cmer(), c.cmer());
        assertEquals(demo.optim(), c.optim());
        assertEquals(demo.schedule(), c.schedule());
        assertEquals(List.of(demo.batchSize(), demo.epochs(), demo.logEvery()), List.of(c.batchSize(), c.epochs(), c.logEvery()));
    }

    @Test
    void badInputGetsAClearMessageAndStartsNothing() {
        TrainViewModel vm = vm(1);
        vm.batchSizeProperty().set("1");
        vm.start();
        assertTrue(vm.errorProperty().get().startsWith("Batch size must be at least 2"), vm.errorProperty().get());
        vm.batchSizeProperty().set("eight");
        vm.start();
        assertEquals("Batch size must be a whole number, not 'eight'.", vm.errorProperty().get());
        vm.batchSizeProperty().set("8");
        vm.datasetProperty().set(runs.resolve("nowhere").toString());
        vm.start();
        assertTrue(vm.errorProperty().get().startsWith("Dataset not found: ") && vm.errorProperty().get().contains("nowhere"), vm.errorProperty().get());
        vm.datasetProperty().set(TinyRun.data().toString());
        vm.scenePProperty().set("1.5");
        vm.start();
        assertTrue(vm.errorProperty().get().contains("[0, 1]"), vm.errorProperty().get());
        vm.scenePProperty().set("0.5");
        vm.backboneProperty().set(runs.resolve("no-model").toString());
        vm.start();
        assertTrue(vm.errorProperty().get().contains("needs config.json and tokenizer.json"), vm.errorProperty().get());
        vm.backboneProperty().set("sample");
        vm.runNameProperty().set("a/b");
        vm.start();
        assertTrue(vm.errorProperty().get().startsWith("Run folder name 'a/b'"), vm.errorProperty().get());
        assertFalse(vm.runningProperty().get());
        assertFalse(service.isRunning());
        assertTrue(announced.isEmpty());
    }

    @Test
    void aRunTrainsIntoANewRunFolderAndReportsLive() throws Exception {
        TrainViewModel vm = vm(2);
        assertTrue(vm.runNameProperty().get().matches("cmer-\\d{8}-\\d{6}"), vm.runNameProperty().get());
        vm.methodProperty().set(TrainConfig.Method.ADAPTER);
        assertTrue(vm.runNameProperty().get().startsWith("adapter-"), "the suggested name follows the method");
        vm.methodProperty().set(TrainConfig.Method.CMER);
        vm.runNameProperty().set("tiny-cmer");
        vm.start();
        assertEquals("", vm.errorProperty().get());
        assertTrue(service.await(120_000), "training ended");
        Path dir = runs.resolve("tiny-cmer");
        assertEquals(List.of(dir), announced, "the Runs tab is told about the new folder");
        assertFalse(vm.runningProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Finished: 6 steps, test mR"), vm.statusProperty().get());
        assertEquals("6 / 6", vm.stepTextProperty().get());
        assertTrue(vm.speedTextProperty().get().endsWith("pairs/s") && vm.memoryTextProperty().get().contains("MiB"), vm.memoryTextProperty().get());
        assertTrue(vm.log().stream().anyMatch(l -> l.startsWith("parameters: ")), "the trainer's describe() lines are shown");
        assertEquals(6, Files.readAllLines(dir.resolve(RunFolder.METRICS)).stream().filter(l -> l.contains("\"type\":\"train\"")).count());
        assertTrue(Files.isRegularFile(dir.resolve(RunFolder.EVAL)));
        vm.runNameProperty().set("tiny-cmer");
        vm.start();
        assertTrue(vm.errorProperty().get().contains("exists already"), vm.errorProperty().get());
    }

    @Test
    void stopSavesACheckpointAndResumeFinishesTheRun() throws Exception {
        TrainViewModel vm = vm(3);
        vm.runNameProperty().set("tiny-stop");
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        vm.stepTextProperty().addListener((o, a, b) -> { if (b.startsWith("1 /") && once.compareAndSet(false, true)) vm.stop(); });
        vm.start();
        assertTrue(service.await(120_000), "training ended");
        Path dir = runs.resolve("tiny-stop");
        assertTrue(vm.statusProperty().get().startsWith("Stopped at step 1;"), vm.statusProperty().get());
        assertTrue(Files.isRegularFile(dir.resolve(RunFolder.CHECKPOINTS).resolve(RunFolder.LAST)), "Stop saved checkpoints/last");
        assertFalse(Files.exists(dir.resolve(RunFolder.EVAL)), "a stopped run is not evaluated");

        vm.resume(dir);
        assertTrue(service.await(120_000), "resumed training ended");
        assertTrue(vm.statusProperty().get().startsWith("Finished: 9 steps"), vm.statusProperty().get());
        assertTrue(vm.log().stream().anyMatch(l -> l.contains("resuming at step 1")), String.valueOf(vm.log()));
        assertTrue(Files.isRegularFile(dir.resolve(RunFolder.EVAL)));
    }
}
