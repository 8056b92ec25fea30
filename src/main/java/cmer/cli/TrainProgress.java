package cmer.cli;

import cmer.core.MetricEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The terminal progress bar of {@code cmer train}: epoch, step, loss, pairs/s, ETA; eval lines printed above it. */
final class TrainProgress implements Consumer<MetricEvent>, AutoCloseable {
    private final ProgressBar bar;
    private final PrintWriter err;

    TrainProgress(PrintWriter err, long start, long total) {
        this.err = err;
        this.bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total > 0 ? total : -1).setStyle(ProgressBarStyle.ASCII)
                .startsFrom(start, Duration.ZERO).setUpdateIntervalMillis(500)
                .setConsumer(new DelegatingProgressBarConsumer(line -> { err.print("\r" + line); err.flush(); }, 110)).build();
    }

    @Override
    public void accept(MetricEvent e) {
        if (e.isStart()) {                                          // demo / pretrain: a new loop, total known only now
            bar.maxHint((long) e.value("total_steps"));
            bar.stepTo(e.step());
        } else if (e.type() == MetricEvent.Type.TRAIN) {
            bar.stepTo(e.step());
            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d loss %.4f %.1f pairs/s", e.epoch() + 1, e.value("total"), e.value("pairs_per_s")));
        } else if (e.type() == MetricEvent.Type.EVAL) {
            err.printf(Locale.ROOT, "%n%s at step %d: mR %.2f (R@1 i2t %.1f, t2i %.1f)%n", e.split(), e.step(), e.value("mr"), e.value("r1_i2t"), e.value("r1_t2i"));
        }
    }

    @Override
    public void close() {
        bar.close();
        err.println();
    }
}
