package cmer.app.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs slow work off the UI thread and its callbacks on it (JabRef's BackgroundTask idea, without
 * javafx.concurrent.Task so view models stay testable with {@link #direct()}).
 */
public interface TaskExecutor {
    <T> void execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure, Runnable onFinished);

    /** Runs work and callbacks inline on the caller's thread: deterministic view-model tests. */
    static TaskExecutor direct() {
        return new TaskExecutor() {
            @Override
            public <T> void execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure, Runnable onFinished) {
                try {
                    onSuccess.accept(work.call());
                } catch (Exception | Error e) {
                    onFailure.accept(e);
                } finally {
                    onFinished.run();
                }
            }
        };
    }
}
