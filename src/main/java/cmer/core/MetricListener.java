package cmer.core;

import java.util.List;

/** Receives the metric lines a run has written since the last call (in file order); the Studio batches them per frame. */
@FunctionalInterface
public interface MetricListener {
    void onMetrics(List<MetricEvent> events);

    /** The file was rewritten (a resumed run dropped lines past its checkpoint): forget what you plotted; all lines follow again. */
    default void onReset() { }
}
