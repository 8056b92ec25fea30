package cmer.nn.side;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import cmer.core.TrainConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry points of the side networks, built from the run's config and the backbone's sizes.
 * <pre>
 * vision: NDList(h_1 … h_n)      each (B, T, D), token 0 = CLS, h_n = final layer → NDList(f (B, D), saliency (B, N))
 * text:   NDList(eot, h_1 … h_n) eot (B) int64, each h (B, T, D), h_n = final     → NDList(f (B, D))
 * </pre>
 * f is the pre-{@code ln_post}/{@code ln_final} feature; the caller applies the frozen norm, projection and L2 norm.
 */
public final class SideNetworks {
    private SideNetworks() { }

    /** The Focus-Adapter for a vision tower of hidden width {@code width} with {@code taps} tapped layers. */
    public static Block vision(TrainConfig.Side s, int width, int taps) {
        return new FocusAdapter(SideConfig.vision(s, width, taps));
    }

    /** The text adapter chosen by {@code s.textAdapter()}: side, linear or none. */
    public static Block text(TrainConfig.Side s, int width, int taps) {
        SideConfig c = SideConfig.text(s, width, taps);
        return switch (s.textAdapter()) {
            case SIDE -> new TextSide(c);
            case LINEAR -> new LinearTextAdapter(c);
            case NONE -> new FrozenText(width);
        };
    }

    /**
     * Parameters by checkpoint name: the block tree walked with DJL's ordinal prefixes ("01", "02")
     * stripped and '.' as separator, e.g. {@code ladder.step_0.down.weight}, {@code focus.gamma}, {@code lambda}.
     */
    public static Map<String, Parameter> namedParameters(Block root, String prefix) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        walk(root, prefix.isEmpty() ? "" : prefix + ".", out);
        return out;
    }

    private static void walk(Block b, String prefix, Map<String, Parameter> out) {
        b.getDirectParameters().forEach(p -> out.put(prefix + p.getKey(), p.getValue()));
        b.getChildren().forEach(c -> walk(c.getValue(), prefix + c.getKey().replaceFirst("^\\d+", "") + ".", out));
    }
}
