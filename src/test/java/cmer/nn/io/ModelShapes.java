package cmer.nn.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tensor lists with the real names and shapes of public checkpoints (ViT-B/32 CLIP, BERT-base), for inspect tests. */
public final class ModelShapes {
    private ModelShapes() { }

    /** openai/clip-vit-base-patch32 as Hugging Face's CLIPModel names it. */
    public static List<TensorInfo> hfClipVitB32() {
        List<TensorInfo> t = new ArrayList<>();
        add(t, DType.F32, "logit_scale");
        add(t, DType.F32, "text_model.embeddings.token_embedding.weight", 49408, 512);
        add(t, DType.F32, "text_model.embeddings.position_embedding.weight", 77, 512);
        add(t, DType.I64, "text_model.embeddings.position_ids", 1, 77);
        hfLayers(t, "text_model.encoder.layers.", 12, 512);
        add(t, DType.F32, "text_model.final_layer_norm.weight", 512);
        add(t, DType.F32, "text_model.final_layer_norm.bias", 512);
        add(t, DType.F32, "vision_model.embeddings.class_embedding", 768);
        add(t, DType.F32, "vision_model.embeddings.patch_embedding.weight", 768, 3, 32, 32);
        add(t, DType.F32, "vision_model.embeddings.position_embedding.weight", 50, 768);
        add(t, DType.I64, "vision_model.embeddings.position_ids", 1, 50);
        add(t, DType.F32, "vision_model.pre_layrnorm.weight", 768);
        add(t, DType.F32, "vision_model.pre_layrnorm.bias", 768);
        hfLayers(t, "vision_model.encoder.layers.", 12, 768);
        add(t, DType.F32, "vision_model.post_layernorm.weight", 768);
        add(t, DType.F32, "vision_model.post_layernorm.bias", 768);
        add(t, DType.F32, "visual_projection.weight", 512, 768);
        add(t, DType.F32, "text_projection.weight", 512, 512);
        return t;
    }

    /** OpenAI's ViT-B-32.pt / open_clip names (fp16 as OpenAI ships it). */
    public static List<TensorInfo> openClipVitB32() {
        List<TensorInfo> t = new ArrayList<>();
        add(t, DType.F16, "positional_embedding", 77, 512);
        add(t, DType.F16, "text_projection", 512, 512);
        add(t, DType.F16, "logit_scale");
        add(t, DType.F16, "visual.class_embedding", 768);
        add(t, DType.F16, "visual.positional_embedding", 50, 768);
        add(t, DType.F16, "visual.proj", 768, 512);
        add(t, DType.F16, "visual.conv1.weight", 768, 3, 32, 32);
        add(t, DType.F16, "visual.ln_pre.weight", 768);
        for (int i = 0; i < 12; i++) openClipBlock(t, "visual.transformer.resblocks." + i + ".", 768);
        add(t, DType.F16, "visual.ln_post.weight", 768);
        add(t, DType.F16, "token_embedding.weight", 49408, 512);
        for (int i = 0; i < 12; i++) {
            openClipBlock(t, "transformer.resblocks." + i + ".", 512);
            add(t, DType.F32, "transformer.resblocks." + i + ".attn_mask", 77, 77);
        }
        add(t, DType.F16, "ln_final.weight", 512);
        return t;
    }

    /** bert-base-uncased (BertModel with the MLM head, as the hub's checkpoint has it). */
    public static List<TensorInfo> bertBase() {
        List<TensorInfo> t = new ArrayList<>();
        add(t, DType.F32, "bert.embeddings.word_embeddings.weight", 30522, 768);
        add(t, DType.F32, "bert.embeddings.position_embeddings.weight", 512, 768);
        add(t, DType.F32, "bert.embeddings.token_type_embeddings.weight", 2, 768);
        add(t, DType.I64, "bert.embeddings.position_ids", 1, 512);
        for (int i = 0; i < 12; i++) {
            String p = "bert.encoder.layer." + i + ".";
            for (String m : List.of("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense")) {
                add(t, DType.F32, p + m + ".weight", 768, 768);
                add(t, DType.F32, p + m + ".bias", 768);
            }
            add(t, DType.F32, p + "intermediate.dense.weight", 3072, 768);
            add(t, DType.F32, p + "output.dense.weight", 768, 3072);
        }
        add(t, DType.F32, "cls.predictions.bias", 30522);
        return t;
    }

    private static void hfLayers(List<TensorInfo> t, String prefix, int layers, int w) {
        for (int i = 0; i < layers; i++) {
            String p = prefix + i + ".";
            for (String m : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
                add(t, DType.F32, p + "self_attn." + m + ".weight", w, w);
                add(t, DType.F32, p + "self_attn." + m + ".bias", w);
            }
            add(t, DType.F32, p + "layer_norm1.weight", w);
            add(t, DType.F32, p + "mlp.fc1.weight", 4L * w, w);
            add(t, DType.F32, p + "mlp.fc2.weight", w, 4L * w);
            add(t, DType.F32, p + "layer_norm2.weight", w);
        }
    }

    private static void openClipBlock(List<TensorInfo> t, String p, int w) {
        add(t, DType.F16, p + "attn.in_proj_weight", 3L * w, w);
        add(t, DType.F16, p + "attn.out_proj.weight", w, w);
        add(t, DType.F16, p + "ln_1.weight", w);
        add(t, DType.F16, p + "mlp.c_fc.weight", 4L * w, w);
        add(t, DType.F16, p + "mlp.c_proj.weight", w, 4L * w);
        add(t, DType.F16, p + "ln_2.weight", w);
    }

    private static void add(List<TensorInfo> t, DType d, String name, long... shape) { t.add(new TensorInfo(name, d, shape)); }

    /** A safetensors file with these tensors and all-zero data, written sparse (a 600 MB file costs no disk or time). */
    public static Path writeSparse(Path file, List<TensorInfo> tensors) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode h = json.createObjectNode();
        long off = 0;
        for (TensorInfo t : tensors) {
            ObjectNode e = h.putObject(t.name()).put("dtype", t.dtype().name());
            for (long d : t.shape()) e.withArray("shape").add(d);
            if (t.shape().length == 0) e.putArray("shape");
            e.putArray("data_offsets").add(off).add(off + t.bytes());
            off += t.bytes();
        }
        byte[] hb = json.writeValueAsString(h).getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(hb.length).array());
            f.write(hb);
            f.setLength(8 + hb.length + off);
        }
        return file;
    }
}
