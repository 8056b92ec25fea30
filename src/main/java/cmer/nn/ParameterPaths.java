package cmer.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dotted checkpoint-style names for every parameter of a block tree, e.g.
 * {@code visual.transformer.resblocks.0.attn.in_proj_weight}. DJL's own names prefix an ordinal to each child
 * ({@code 01visual}) and join with '_', which is ambiguous once names hold '_' (STYLE.md §2), so we walk the tree.
 */
public final class ParameterPaths {
    private ParameterPaths() { }

    public static Map<String, Parameter> of(Block root) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(Block block, String prefix, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) out.put(prefix + p.getKey(), p.getValue());
        for (Pair<String, Block> c : block.getChildren()) {
            String name = c.getKey().replaceFirst("^\\d{2,}", "");                          // drop DJL's "%02d" ordinal
            walk(c.getValue(), prefix + name + ".", out);
        }
    }
}
