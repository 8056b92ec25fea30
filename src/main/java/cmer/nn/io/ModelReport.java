package cmer.nn.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a checkpoint is, from its tensor names and shapes alone: the architecture (by key patterns), the
 * configuration the shapes imply, and the tensors CMER's towers would not use (buffers, MLM heads, masks).
 * Config keys are "vision.width", "text.context_length", "embed_dim", .... The number of attention heads is not
 * stored in any of these formats; "heads" is reported as width/64, the rule of OpenAI's and open_clip's ViTs and of
 * BERT-base (a Hugging Face folder's config.json is the authority when present).
 */
public record ModelReport(StateDictInfo info, Architecture architecture, Map<String, Long> config, List<String> unused) {

    /** Architectures recognised by their tensor names. */
    public enum Architecture {
        HF_CLIP("Hugging Face CLIPModel"), OPEN_CLIP("open_clip / OpenAI CLIP (ViT)"),
        OPEN_CLIP_RESNET("open_clip / OpenAI CLIP with a ResNet image tower (not supported)"), BERT("BERT (Hugging Face)"),
        UNKNOWN("unknown");

        private final String label;

        Architecture(String label) { this.label = label; }

        public String label() { return label; }
    }

    public static ModelReport of(StateDictInfo info) {
        Map<String, long[]> s = new LinkedHashMap<>();
        info.tensors().forEach(t -> s.put(t.name(), t.shape()));
        Map<String, Long> cfg = new LinkedHashMap<>();
        Architecture a;
        Predicate<String> unused;
        if (s.containsKey("vision_model.embeddings.patch_embedding.weight") || s.containsKey("text_model.embeddings.token_embedding.weight")) {
            a = Architecture.HF_CLIP;
            vision(cfg, s.get("vision_model.embeddings.patch_embedding.weight"), s.get("vision_model.embeddings.position_embedding.weight"),
                    layers(s, "vision_model.encoder.layers."), s.get("vision_model.encoder.layers.0.mlp.fc1.weight"));
            text(cfg, s.get("text_model.embeddings.token_embedding.weight"), s.get("text_model.embeddings.position_embedding.weight"),
                    layers(s, "text_model.encoder.layers."));
            put(cfg, "embed_dim", s.get("visual_projection.weight"), 0);
            unused = n -> n.endsWith("position_ids");
        } else if (s.containsKey("visual.layer1.0.conv1.weight")) {
            a = Architecture.OPEN_CLIP_RESNET;
            unused = n -> n.startsWith("visual.");
        } else if (s.containsKey("visual.conv1.weight") || s.containsKey("token_embedding.weight")) {
            a = Architecture.OPEN_CLIP;
            vision(cfg, s.get("visual.conv1.weight"), s.get("visual.positional_embedding"), layers(s, "visual.transformer.resblocks."),
                    s.get("visual.transformer.resblocks.0.mlp.c_fc.weight"));
            text(cfg, s.get("token_embedding.weight"), s.get("positional_embedding"), layers(s, "transformer.resblocks."));
            put(cfg, "embed_dim", s.containsKey("visual.proj") ? s.get("visual.proj") : s.get("text_projection"), 1);
            unused = n -> n.endsWith("attn_mask") || n.endsWith("position_ids");
        } else if (bertPrefix(s) != null) {
            a = Architecture.BERT;
            String p = bertPrefix(s);
            long[] words = s.get(p + "embeddings.word_embeddings.weight");
            put(cfg, "text.vocab_size", words, 0);
            put(cfg, "text.width", words, 1);
            put(cfg, "text.layers", new long[] {layers(s, p + "encoder.layer.")}, 0);
            heads(cfg, "text.heads", words[1]);
            put(cfg, "text.mlp_width", s.get(p + "encoder.layer.0.intermediate.dense.weight"), 0);
            put(cfg, "text.context_length", s.get(p + "embeddings.position_embeddings.weight"), 0);
            put(cfg, "text.type_vocab_size", s.get(p + "embeddings.token_type_embeddings.weight"), 0);
            unused = n -> n.startsWith("cls.") || n.endsWith("position_ids");
        } else {
            a = Architecture.UNKNOWN;
            unused = n -> false;
        }
        info.metadata().forEach((k, v) -> {                                  // a folder's config.json beats width/64
            if (k.startsWith("hf_config.") && a != Architecture.UNKNOWN) cfg.put(k.substring("hf_config.".length()), Long.parseLong(v));
        });
        List<String> un = info.tensors().stream().map(TensorInfo::name).filter(unused).toList();
        return new ModelReport(info, a, cfg, un);
    }

    private static void vision(Map<String, Long> cfg, long[] conv, long[] pos, long layers, long[] fc) {
        if (conv == null || conv.length != 4) return;
        put(cfg, "vision.width", conv, 0);
        put(cfg, "vision.layers", new long[] {layers}, 0);
        heads(cfg, "vision.heads", conv[0]);
        put(cfg, "vision.mlp_width", fc, 0);
        put(cfg, "vision.patch_size", conv, 2);
        if (pos != null && pos.length >= 1) {
            long grid = Math.round(Math.sqrt(pos[0] - 1));
            if (grid * grid == pos[0] - 1) cfg.put("vision.image_size", grid * conv[2]);
        }
    }

    private static void text(Map<String, Long> cfg, long[] tokens, long[] pos, long layers) {
        if (tokens == null || tokens.length != 2) return;
        put(cfg, "text.width", tokens, 1);
        put(cfg, "text.layers", new long[] {layers}, 0);
        heads(cfg, "text.heads", tokens[1]);
        put(cfg, "text.context_length", pos, 0);
        put(cfg, "text.vocab_size", tokens, 0);
    }

    /** Heads are not stored: width/64 where that divides (ViT-B, BERT-base), else not reported. */
    private static void heads(Map<String, Long> cfg, String key, long width) {
        if (width >= 64 && width % 64 == 0) cfg.put(key, width / 64);
    }

    private static void put(Map<String, Long> cfg, String key, long[] shape, int axis) {
        if (shape != null && shape.length > axis) cfg.put(key, shape[axis]);
    }

    private static final Pattern INDEX = Pattern.compile("^(\\d+)\\.");

    /** Number of distinct {@code prefix<N>.} blocks. */
    static long layers(Map<String, long[]> s, String prefix) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (String n : s.keySet()) {
            if (!n.startsWith(prefix)) continue;
            Matcher m = INDEX.matcher(n.substring(prefix.length()));
            if (m.find()) ids.add(Integer.parseInt(m.group(1)));
        }
        return ids.size();
    }

    private static String bertPrefix(Map<String, long[]> s) {
        for (String p : new String[] {"", "bert."}) if (s.containsKey(p + "embeddings.word_embeddings.weight")) return p;
        return null;
    }

    /** Lines for the terminal, one per group: "vision: width 768, layers 12, ...". */
    public List<String> configLines() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            int dot = k.indexOf('.');
            String g = dot < 0 ? "model" : k.substring(0, dot);
            groups.computeIfAbsent(g, x -> new ArrayList<>()).add(k.substring(dot + 1).replace('_', ' ') + " " + v);
        });
        List<String> out = new ArrayList<>();
        groups.forEach((g, items) -> out.add(g + ": " + String.join(", ", items)));
        return out;
    }
}
