package cmer.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import cmer.core.CmerException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Copies checkpoint tensors into an initialised block tree by walking it ({@link ParameterPaths}): every
 * parameter must be found with exactly its shape, else a {@link CmerException} names the tensor, the expected and
 * the found shape. All shapes are checked before any value is written, so a failed import leaves the model as it was.
 */
public final class WeightLoader {
    private WeightLoader() { }

    /** Loads a checkpoint whose every parameter must be present. */
    public static LoadReport load(Block root, WeightSource source, CheckpointFormat format) {
        return load(root, source, format, name -> false);
    }

    /**
     * @param root               a {@link ClipModel} for the CLIP formats, a {@link BertTextTower} for {@code HF_BERT}
     * @param mayStayInitialized canonical names that may be absent from the checkpoint (kept as initialised)
     */
    public static LoadReport load(Block root, WeightSource source, CheckpointFormat format, Predicate<String> mayStayInitialized) {
        if (!root.isInitialized()) throw new IllegalStateException("initialize the block before loading weights into it");
        WeightMap map = new WeightMap(source, format);
        Map<String, Parameter> params = ParameterPaths.of(root);
        List<String> loaded = new ArrayList<>(), kept = new ArrayList<>(), missing = new ArrayList<>();
        for (var e : params.entrySet()) {
            long[] want = e.getValue().getArray().getShape().getShape();
            if (!map.has(e.getKey())) {
                if (mayStayInitialized.test(e.getKey())) kept.add(e.getKey());
                else missing.add(e.getKey() + " " + WeightMap.fmt(want));
                continue;
            }
            long[] found = map.shape(e.getKey());
            if (!Arrays.equals(want, found)) {
                String from = Arrays.stream(map.pieces().get(e.getKey())).map(WeightMap.Piece::source).collect(Collectors.joining(" + "));
                throw new CmerException("tensor '" + from + "' (our '" + e.getKey() + "'): expected shape " + WeightMap.fmt(want)
                        + " but found " + WeightMap.fmt(found) + " in the " + format.title() + " checkpoint");
            }
            loaded.add(e.getKey());
        }
        if (!missing.isEmpty()) {
            throw new CmerException("the " + format.title() + " checkpoint lacks " + missing.size() + " tensor(s) the model needs: "
                    + String.join(", ", missing.subList(0, Math.min(8, missing.size()))) + (missing.size() > 8 ? ", ..." : ""));
        }
        for (String name : loaded) {
            Parameter p = params.get(name);
            p.getArray().set(FloatBuffer.wrap(map.data(name)));
        }
        List<String> unused = new ArrayList<>(map.unmapped());
        map.pieces().forEach((canonical, parts) -> {
            if (!params.containsKey(canonical)) Arrays.stream(parts).filter(p -> p != null).forEach(p -> unused.add(p.source()));
        });
        return new LoadReport(List.copyOf(loaded), List.copyOf(kept), List.copyOf(unused), List.copyOf(map.ignored()));
    }

}
