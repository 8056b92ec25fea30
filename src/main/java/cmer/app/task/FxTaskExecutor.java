package cmer.app.task;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Work on one background thread (in order: a search never overtakes the index it needs); callbacks on the
 * FX thread. DJL work itself runs on the Embedder's own thread, so grad mode is right wherever this runs.
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "studio-worker");
        t.setDaemon(true);
        return t;
    });

    @Override
    public <T> void execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure, Runnable onFinished) {
        worker.submit(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> { onSuccess.accept(result); onFinished.run(); });
            } catch (Exception | Error e) {
                Platform.runLater(() -> { onFailure.accept(e); onFinished.run(); });
            }
        });
    }

    @Override
    public void close() { worker.shutdownNow(); }
}
