package cmer.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.MetricEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Demo and pretrain create the bar before the trainer knows its step count; the start event must fill it in. */
class TrainProgressTest {
    @Test
    void aBarCreatedWithoutATotalShowsPercentOnceTheLoopStarts() {
        StringWriter text = new StringWriter();
        try (TrainProgress bar = new TrainProgress(new PrintWriter(text), 0, -1)) {
            bar.accept(MetricEvent.start(0, 40, "cpu()"));
            bar.accept(MetricEvent.train(10, 0, "cpu()", 1, 0, 1, 1e-3, 14, 50, 600, 1, 1, 1, 1));
        }
        String out = text.toString(), last = out.substring(out.lastIndexOf('\r') + 1);   // the bar as it stands now
        assertTrue(last.contains("25%") && last.contains("10/40"), out);
        assertFalse(last.contains("?"), out);                                            // before the start event: "? %"
    }
}
