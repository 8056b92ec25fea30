package cmer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.MetricEvent;
import cmer.core.MetricListener;
import cmer.core.TrainConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunWatcherTest {
    @TempDir Path tmp;

    static final class Recorder implements MetricListener {
        final List<MetricEvent> events = new ArrayList<>();
        int calls, resets;

        @Override public void onMetrics(List<MetricEvent> e) { events.addAll(e); calls++; }

        @Override public void onReset() { events.clear(); resets++; }
    }

    static MetricEvent train(long step) {
        return MetricEvent.train(step, 0, "cpu", 2.0 - step / 10.0, 0.5, 2.5, 1e-4, 14.28, 10, 3.2, 1e9, 2e9, 1e8, 2e8);
    }

    @Test
    void writerAndWatcherRoundTripIncrementally() {
        Path dir = tmp.resolve("run");
        Recorder rec = new Recorder();
        RunWatcher w = new RunWatcher(dir, rec);
        assertEquals(List.of(), w.poll(), "no folder, no file yet: nothing, no error");
        RunFolder run = RunFolder.create(dir, TrainConfig.DEFAULTS);
        assertEquals(List.of(), w.poll(), "folder but no metrics yet");
        run.append(train(1));
        run.append(train(2));
        assertEquals(2, w.poll().size());
        assertEquals(List.of(), w.poll(), "nothing new");
        run.append(train(3));
        run.append(MetricEvent.eval(3, 0, "val", 1, 2, 3, 4, 5, 6, 3.5));
        assertEquals(2, w.poll().size());
        assertEquals(2, rec.calls, "the listener hears only polls with news");
        assertEquals(List.of(train(1), train(2), train(3), MetricEvent.eval(3, 0, "val", 1, 2, 3, 4, 5, 6, 3.5)), rec.events);
        assertEquals(1.8, rec.events.get(1).value("l_batch"), 1e-12);
        assertEquals(3.5, rec.events.get(3).value("mr"));
        assertEquals("val", rec.events.get(3).split());
        assertTrue(Double.isNaN(rec.events.get(3).value("l_batch")));
    }

    @Test
    void aPartialLastLineWaitsForItsEnd() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Path f = dir.resolve(RunFolder.METRICS);
        Recorder rec = new Recorder();
        RunWatcher w = new RunWatcher(dir, rec);
        String line = MetricLines.format(train(1)) + "\n";
        String line2 = MetricLines.format(train(2)) + "\n";
        int cut = line2.length() / 2;
        Files.writeString(f, line + line2.substring(0, cut), StandardCharsets.UTF_8);
        assertEquals(1, w.poll().size());
        assertEquals(line.length(), w.offset());
        assertEquals(List.of(), w.poll(), "half a line is not an event");
        Files.writeString(f, line2.substring(cut), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(List.of(train(2)), w.poll());
        assertEquals(0, w.skippedLines());
    }

    @Test
    void malformedLinesAreSkippedAndARewrittenFileIsReadAgain() throws Exception {
        RunFolder run = RunFolder.create(tmp.resolve("run"), TrainConfig.DEFAULTS);
        Recorder rec = new Recorder();
        RunWatcher w = new RunWatcher(run.dir(), rec);
        run.append(train(1));
        Files.writeString(run.metricsFile(), "not json\n[1,2]\n", StandardOpenOption.APPEND);
        run.append(train(2));
        run.append(train(3));
        assertEquals(3, w.poll().size());
        assertEquals(2, w.skippedLines());
        run.rewindMetrics(1);                                  // a resume from step 1 drops later lines
        w.poll();
        assertEquals(1, rec.resets);
        assertEquals(List.of(train(1)), rec.events);
        // a rewrite that is not shorter (lines appended before the next poll) is noticed by the new inode
        run.append(train(2));
        w.poll();
        run.rewindMetrics(1);
        for (int s = 2; s <= 6; s++) run.append(train(s));
        w.poll();
        assertEquals(2, rec.resets);
        assertEquals(List.of(train(1), train(2), train(3), train(4), train(5), train(6)), rec.events);
    }
}
