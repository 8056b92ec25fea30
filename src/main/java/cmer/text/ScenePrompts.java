package cmer.text;

import cmer.core.Seeds;
import cmer.core.TrainConfig;
import java.util.List;
import java.util.Locale;

/**
 * Scene-label augmentation (CMER-METHOD.md, DESIGN): during training a caption of an image with a known
 * scene becomes {@code "{scene} scene: {caption}"} with probability p; for scene-aware retrieval each
 * scene gets prompt texts ("an aerial photo of a {scene}.") whose embeddings act as scene classifiers.
 * The scene itself comes from the dataset reader (metadata or file-name prefix); {@code null} or blank
 * means unknown, and such captions are never changed.
 */
public final class ScenePrompts {
    private final TrainConfig.Scene cfg;

    public ScenePrompts(TrainConfig.Scene cfg) { this.cfg = cfg; }

    /**
     * The caption as trained on. The coin is drawn from (seed, epoch, captionId) alone, so the choice is
     * the same on resume and independent of batch order, and a caption is re-drawn every epoch.
     *
     * @param captionId a stable id of the caption within the training split
     */
    public String augment(String caption, String scene, long seed, long epoch, long captionId) {
        if (!cfg.augment() || !known(scene)) return caption;
        boolean apply = Seeds.random(seed, Seeds.SCENE_AUG, epoch, captionId).nextDouble() < cfg.p();
        return apply ? fill(cfg.template(), readable(scene), caption) : caption;
    }

    /** The prompt texts of one scene, one per configured template (their embeddings are averaged). */
    public List<String> prompts(String scene) {
        String s = readable(scene);
        return cfg.prompts().stream().map(t -> fill(t, s, "")).toList();
    }

    /** Scene label as words: underscores and hyphens become spaces, lower case ("Dense_Residential" → "dense residential"). */
    public static String readable(String scene) {
        return scene.strip().replace('_', ' ').replace('-', ' ').replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Unknown scenes (missing, blank, or purely numeric such as RSICD's "00921") are not augmented. */
    public static boolean known(String scene) {
        return scene != null && !scene.isBlank() && !scene.strip().matches("\\d+");
    }

    // String.replace, not String.format: captions may contain '%' and '{' characters.
    private static String fill(String template, String scene, String caption) {
        int c = template.indexOf("{caption}");
        String head = c < 0 ? template : template.substring(0, c);
        String tail = c < 0 ? "" : template.substring(c + "{caption}".length());
        return head.replace("{scene}", scene) + (c < 0 ? "" : caption) + tail.replace("{scene}", scene);
    }
}
