package cmer.core;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads an image file's georeferencing (embedded GeoTIFF tags, or world-file + .prj sidecars).
 * Implemented in {@code cmer.geo}; passed to dataset readers in {@code cmer.data}, which may not import it.
 */
@FunctionalInterface
public interface FootprintReader {
    FootprintReader NONE = p -> Optional.empty();

    Optional<Footprint> read(Path image);
}
