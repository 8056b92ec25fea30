package cmer.core;

/** Progress of a long job (indexing, training, generation), reported by lower layers to the CLI or the Studio. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, message) -> { };

    /** @param total -1 when unknown */
    void progress(long done, long total, String message);
}
