package cmer.cli;

import cmer.core.ProgressListener;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar (me.tongfei progressbar: rate and ETA) on a command's stderr, fed by a {@link ProgressListener}. */
final class Progress implements AutoCloseable {
    private final PrintWriter err;
    private ProgressBar bar;
    private final String task, unit;

    Progress(PrintWriter err, String task, String unit) {
        this.err = err;
        this.task = task;
        this.unit = unit;
    }

    ProgressListener listener() {
        return (done, total, message) -> {
            if (bar == null) bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, 0)).showSpeed()
                    .setUnit(" " + unit, 1).setSpeedUnit(ChronoUnit.SECONDS).setUpdateIntervalMillis(500)
                    .setStyle(System.console() == null ? ProgressBarStyle.ASCII : ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> { err.print("\r" + line); err.flush(); }, 100)).build();
            bar.maxHint(total);
            bar.stepTo(done);
        };
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            err.println();
            err.flush();
        }
    }
}
