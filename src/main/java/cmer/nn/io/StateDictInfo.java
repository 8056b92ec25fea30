package cmer.nn.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tensor list of a checkpoint without the data (what {@code cmer model inspect} shows). */
public record StateDictInfo(Path source, String format, List<TensorInfo> tensors, Map<String, String> metadata, List<String> notes) {
    public StateDictInfo {
        tensors = List.copyOf(tensors);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        notes = List.copyOf(notes);
    }

    public long parameterCount() { return tensors.stream().mapToLong(TensorInfo::numel).sum(); }

    public long byteCount() { return tensors.stream().mapToLong(TensorInfo::bytes).sum(); }

    /** Tensor by name, or null. */
    public TensorInfo find(String name) {
        for (TensorInfo t : tensors) if (t.name().equals(name)) return t;
        return null;
    }
}
