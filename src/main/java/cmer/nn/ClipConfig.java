package cmer.nn;

import cmer.core.CmerException;
import cmer.core.Configs;
import java.io.IOException;
import java.io.InputStream;

/**
 * A two-tower retrieval model: a ViT image tower and one text tower (CLIP's {@code text} or a {@code bert}),
 * both projected to {@code embedDim}. Exactly one of {@code text} and {@code bert} is set.
 */
public record ClipConfig(VisionConfig vision, TextConfig text, BertConfig bert, int embedDim) {
    public ClipConfig {
        if (vision == null) throw new IllegalArgumentException("vision is missing");
        if ((text == null) == (bert == null)) throw new IllegalArgumentException("give exactly one text tower: text (CLIP) or bert");
        VisionConfig.positive("embedDim", embedDim);
    }

    /** Text tokens per caption, whichever tower. */
    public int contextLength() { return text != null ? text.contextLength() : bert.contextLength(); }

    /** A shipped configuration, {@code src/main/resources/cmer/nn/models/<name>.json} (e.g. vit-b-32, tiny). */
    public static ClipConfig named(String name) {
        String res = "/cmer/nn/models/" + name + ".json";
        try (InputStream in = ClipConfig.class.getResourceAsStream(res)) {
            if (in == null) throw new CmerException("no model configuration '" + name + "' (known: vit-b-32, tiny, tiny-bert)");
            return Configs.JSON.readValue(in, ClipConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new CmerException(res + ": " + e.getMessage(), CmerException.BAD_INPUT, e);
        }
    }
}
