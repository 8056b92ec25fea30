package cmer.nn;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameter naming of each checkpoint family, translated to our canonical names (open_clip's, the text tower
 * under {@code text.}; BERT names relative to {@link BertTextTower}). HF CLIP's and BERT's separate q/k/v
 * projections become parts 0/1/2 of the fused {@code in_proj}; HF's (E, D) projections are transposed to
 * open_clip's (D, E).
 */
public enum CheckpointFormat {
    /** open_clip, RemoteCLIP, GeoRSCLIP state dicts and OpenAI's TorchScript parameters. Target: {@link ClipModel}. */
    OPEN_CLIP("open_clip / OpenAI CLIP"),
    /** Hugging Face {@code CLIPModel} (vision_model.*, text_model.*). Target: {@link ClipModel}. */
    HF_CLIP("Hugging Face CLIPModel"),
    /** Hugging Face {@code BertModel} (optionally under {@code bert.}). Target: {@link BertTextTower}. */
    HF_BERT("Hugging Face BERT");

    /** Where one checkpoint tensor goes: part {@code part} of {@code parts} along dim 0, transposed first if asked. */
    public record Target(String name, int part, int parts, boolean transpose) {
        static Target whole(String name) { return new Target(name, 0, 1, false); }
    }

    private static final Pattern HF_LAYER = Pattern.compile("(vision|text)_model\\.encoder\\.layers\\.(\\d+)\\.(.+)");
    private static final Pattern BERT_LAYER = Pattern.compile("encoder\\.layer\\.(\\d+)\\.(.+)");
    private static final Pattern QKV = Pattern.compile("(?:self_attn\\.(q|k|v)_proj|attention\\.self\\.(query|key|value))\\.(weight|bias)");
    private static final String[] OPEN_CLIP_TEXT = {"token_embedding.", "positional_embedding", "transformer.", "ln_final.", "text_projection"};

    private final String title;

    CheckpointFormat(String title) { this.title = title; }

    public String title() { return title; }

    /** Guesses the family from the names alone. */
    public static Optional<CheckpointFormat> detect(Collection<String> names) {
        if (names.stream().anyMatch(n -> n.startsWith("vision_model.") || n.startsWith("text_model."))) return Optional.of(HF_CLIP);
        if (names.stream().anyMatch(n -> strip(n).startsWith("visual.") || strip(n).equals("token_embedding.weight"))) return Optional.of(OPEN_CLIP);
        if (names.stream().anyMatch(n -> n.matches("(bert\\.)?embeddings\\.word_embeddings\\.weight"))) return Optional.of(HF_BERT);
        return Optional.empty();
    }

    /** Buffers and bookkeeping that carry no weights (position ids, the causal mask, TorchScript's ints). */
    public boolean ignorable(String name) {
        String n = strip(name);
        return n.endsWith("position_ids") || n.equals("attn_mask") || n.equals("input_resolution")
                || n.equals("context_length") || n.equals("vocab_size");
    }

    /** The canonical target of a checkpoint tensor, or empty when this family has no place for it. */
    public Optional<Target> target(String name) {
        String n = strip(name);
        return switch (this) {
            case OPEN_CLIP -> Optional.of(Target.whole(openClip(n)));
            case HF_CLIP -> hfClip(n);
            case HF_BERT -> hfBert(n.startsWith("bert.") ? n.substring(5) : n);
        };
    }

    /** DataParallel's {@code module.} prefix appears in some training checkpoints. */
    private static String strip(String name) { return name.startsWith("module.") ? name.substring(7) : name; }

    private static String openClip(String n) {
        if (n.startsWith("visual.") || n.startsWith("text.") || n.equals("logit_scale")) return n;
        for (String t : OPEN_CLIP_TEXT) if (n.startsWith(t)) return "text." + n;                // CLIP keeps its text tower at the top level
        return n;
    }

    private static Optional<Target> hfClip(String n) {
        Matcher layer = HF_LAYER.matcher(n);
        if (layer.matches()) {
            String prefix = (layer.group(1).equals("vision") ? "visual" : "text") + ".transformer.resblocks." + layer.group(2) + ".";
            return layerTarget(prefix, layer.group(3)
                    .replace("self_attn.out_proj.", "attn.out_proj.").replace("layer_norm1.", "ln_1.")
                    .replace("layer_norm2.", "ln_2.").replace("mlp.fc1.", "mlp.c_fc.").replace("mlp.fc2.", "mlp.c_proj."));
        }
        return switch (n) {
            case "vision_model.embeddings.patch_embedding.weight" -> whole("visual.conv1.weight");
            case "vision_model.embeddings.class_embedding" -> whole("visual.class_embedding");
            case "vision_model.embeddings.position_embedding.weight" -> whole("visual.positional_embedding");
            case "vision_model.pre_layrnorm.weight" -> whole("visual.ln_pre.weight");                 // sic: HF's spelling
            case "vision_model.pre_layrnorm.bias" -> whole("visual.ln_pre.bias");
            case "vision_model.post_layernorm.weight" -> whole("visual.ln_post.weight");
            case "vision_model.post_layernorm.bias" -> whole("visual.ln_post.bias");
            case "visual_projection.weight" -> Optional.of(new Target("visual.proj", 0, 1, true));   // (E, D) → (D, E)
            case "text_model.embeddings.token_embedding.weight" -> whole("text.token_embedding.weight");
            case "text_model.embeddings.position_embedding.weight" -> whole("text.positional_embedding");
            case "text_model.final_layer_norm.weight" -> whole("text.ln_final.weight");
            case "text_model.final_layer_norm.bias" -> whole("text.ln_final.bias");
            case "text_projection.weight" -> Optional.of(new Target("text.text_projection", 0, 1, true));
            case "logit_scale" -> whole("logit_scale");
            default -> Optional.empty();
        };
    }

    private static Optional<Target> hfBert(String n) {
        n = n.replace("LayerNorm.gamma", "LayerNorm.weight").replace("LayerNorm.beta", "LayerNorm.bias"); // pre-2019 names
        Matcher layer = BERT_LAYER.matcher(n);
        if (layer.matches()) {
            return layerTarget("transformer.resblocks." + layer.group(1) + ".", layer.group(2)
                    .replace("attention.output.dense.", "attn.out_proj.").replace("attention.output.LayerNorm.", "ln_1.")
                    .replace("intermediate.dense.", "mlp.c_fc.").replace("output.dense.", "mlp.c_proj.")
                    .replace("output.LayerNorm.", "ln_2."));
        }
        return switch (n) {
            case "embeddings.word_embeddings.weight" -> whole("word_embeddings.weight");
            case "embeddings.position_embeddings.weight" -> whole("position_embeddings.weight");
            case "embeddings.token_type_embeddings.weight" -> whole("token_type_embeddings.weight");
            case "embeddings.LayerNorm.weight" -> whole("ln_emb.weight");
            case "embeddings.LayerNorm.bias" -> whole("ln_emb.bias");
            case "text_projection" -> whole("text_projection");                              // ours, when saved with the tower
            default -> Optional.empty();                                                        // pooler.*, cls.*: not used
        };
    }

    /** Inside one layer: q/k/v become parts of in_proj; everything else was renamed by the caller. */
    private static Optional<Target> layerTarget(String prefix, String rest) {
        Matcher qkv = QKV.matcher(rest);
        if (qkv.matches()) {
            String which = qkv.group(1) != null ? qkv.group(1) : qkv.group(2).substring(0, 1);   // q|k|v
            return Optional.of(new Target(prefix + "attn.in_proj_" + qkv.group(3), "qkv".indexOf(which), 3, false));
        }
        return whole(prefix + rest);
    }

    private static Optional<Target> whole(String name) { return Optional.of(Target.whole(name)); }
}
