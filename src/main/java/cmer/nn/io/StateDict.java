package cmer.nn.io;

import cmer.core.CmerException;
import cmer.nn.WeightSource;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named tensors read from a checkpoint, in file order: the connection point between file formats and blocks.
 * Names are the checkpoint's own ({@code visual.conv1.weight}, {@code vision_model.encoder.layers.0...}); the
 * {@code module.} prefix of DataParallel checkpoints is already stripped. Read one with {@link StateDicts#read}.
 */
public final class StateDict {
    private final Path source;
    private final String format;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;
    private final List<String> notes;

    public StateDict(Path source, String format, Map<String, Tensor> tensors, Map<String, String> metadata, List<String> notes) {
        this.source = source;
        this.format = format;
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.notes = List.copyOf(notes);
    }

    /** The file or folder read. */
    public Path source() { return source; }

    /** "safetensors", "pytorch-zip" or "torchscript". */
    public String format() { return format; }

    /** Name → tensor, in file order (unmodifiable). */
    public Map<String, Tensor> tensors() { return tensors; }

    public Set<String> names() { return tensors.keySet(); }

    public boolean contains(String name) { return tensors.containsKey(name); }

    public int size() { return tensors.size(); }

    /** The tensor called {@code name}; a CmerException naming the file and the tensor when absent. */
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new CmerException(source + ": no tensor '" + name + "' (the file has " + tensors.size() + " tensors)");
        return t;
    }

    /**
     * The tensor called {@code name}, checked against the shape a block expects; the error names the tensor,
     * the expected and the found shape.
     */
    public Tensor get(String name, long... expectedShape) {
        Tensor t = get(name);
        if (!Arrays.equals(t.shape(), expectedShape))
            throw new CmerException(source + ": tensor '" + name + "' has shape " + Arrays.toString(t.shape())
                    + ", expected " + Arrays.toString(expectedShape));
        return t;
    }

    /** The file's free-form metadata (safetensors {@code __metadata__}; scalar checkpoint entries such as epoch). */
    public Map<String, String> metadata() { return metadata; }

    /** What the reader did that a user should know (prefix stripped, entries skipped). */
    public List<String> notes() { return notes; }

    /** The tensors whose names start with {@code prefix}, with the prefix removed ({@code "visual."}, {@code "bert."}). */
    public StateDict under(String prefix) {
        Map<String, Tensor> sub = new LinkedHashMap<>();
        tensors.forEach((k, v) -> { if (k.startsWith(prefix)) sub.put(k.substring(prefix.length()), v); });
        return new StateDict(source, format, sub, metadata, notes);
    }

    /** Names not in {@code used}, in file order: what a weight import left over (to report, or to fail on). */
    public List<String> unusedBy(Collection<String> used) {
        Set<String> u = new HashSet<>(used);
        return tensors.keySet().stream().filter(n -> !u.contains(n)).toList();
    }

    /** The same tensors as the {@link WeightSource} that {@code cmer.nn.WeightLoader} reads (float32 data; no copy). */
    public WeightSource asWeightSource() {
        Map<String, WeightSource.Tensor> t = new LinkedHashMap<>();
        tensors.forEach((k, v) -> t.put(k, new WeightSource.Tensor(v.shape(), v.data())));
        return WeightSource.of(Collections.unmodifiableMap(t));
    }

    /** Total number of elements. */
    public long parameterCount() { return tensors.values().stream().mapToLong(Tensor::numel).sum(); }

    /** The same tensors with metadata only (for the inspect summary). */
    public StateDictInfo info() {
        return new StateDictInfo(source, format, tensors.entrySet().stream().map(e -> e.getValue().info(e.getKey())).toList(),
                metadata, notes);
    }
}
