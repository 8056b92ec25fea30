package cmer.nn.io;

import cmer.core.CmerException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a checkpoint the user points to, whatever its format, recognised by its first bytes (not its name):
 * safetensors (8-byte header length, then '{'), a PyTorch zip ("PK": torch.save or TorchScript), or a
 * Hugging Face folder ({@code model.safetensors}, a sharded {@code model.safetensors.index.json}, or
 * {@code pytorch_model.bin}). Nothing is downloaded and nothing in a file is executed.
 */
public final class StateDicts {
    static final String INDEX = "model.safetensors.index.json";
    private static final List<String> DIR_FILES = List.of("model.safetensors", INDEX, "pytorch_model.bin", "open_clip_pytorch_model.bin");

    private StateDicts() { }

    /** The tensors with their data (float32; integers also exact). */
    public static StateDict read(Path path) {
        return guarded(path, () -> readUnguarded(path));
    }

    /** Names, dtypes and shapes only; the data is not read (quick even for a 600 MB checkpoint). */
    public static StateDictInfo info(Path path) {
        return guarded(path, () -> infoUnguarded(path));
    }

    /**
     * Every reader checks what it reads and throws CmerException; this turns a check we missed (an arithmetic
     * overflow, a bad cast in a damaged file) into the same kind of error instead of a stack trace.
     */
    private static <T> T guarded(Path path, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (CmerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CmerException(path + ": damaged or unsupported checkpoint (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private static StateDict readUnguarded(Path path) {
        Path p = resolve(path);
        if (p.getFileName().toString().equals(INDEX)) return readSharded(p);
        return switch (sniff(p)) {
            case SAFETENSORS -> Safetensors.read(p);
            case TORCH_ZIP -> TorchArchive.read(p);
        };
    }

    private static StateDictInfo infoUnguarded(Path path) {
        StateDictInfo info = infoOfFile(path);
        Map<String, String> hf = hfConfig(path);
        if (hf.isEmpty()) return info;
        Map<String, String> meta = new LinkedHashMap<>(info.metadata());
        meta.putAll(hf);
        return new StateDictInfo(info.source(), info.format(), info.tensors(), meta, info.notes());
    }

    /**
     * The numbers a Hugging Face folder's config.json states that shapes cannot show (attention heads), as
     * metadata {@code hf_config.vision.heads} etc.; {@link ModelReport} prefers them to its width/64 rule.
     */
    static Map<String, String> hfConfig(Path path) {
        Map<String, String> out = new LinkedHashMap<>();
        Path cfg = Files.isDirectory(path) ? path.resolve("config.json") : null;
        if (cfg == null || !Files.isRegularFile(cfg)) return out;
        try {
            JsonNode root = new ObjectMapper().readTree(cfg.toFile());
            Map<String, JsonNode> keys = new LinkedHashMap<>();
            keys.put("vision.heads", root.path("vision_config").path("num_attention_heads"));
            keys.put("text.heads", root.has("text_config") ? root.path("text_config").path("num_attention_heads") : root.path("num_attention_heads"));
            keys.forEach((k, v) -> { if (v.canConvertToInt() && v.isIntegralNumber()) out.put("hf_config." + k, v.asText()); });
        } catch (IOException e) {
            throw new CmerException(cfg + ": not valid JSON: " + e.getMessage(), e);
        }
        return out;
    }

    private static StateDictInfo infoOfFile(Path path) {
        Path p = resolve(path);
        if (p.getFileName().toString().equals(INDEX)) {
            List<TensorInfo> all = new ArrayList<>();
            Map<String, String> meta = new LinkedHashMap<>();
            for (Path shard : shards(p)) {
                StateDictInfo s = Safetensors.info(shard);
                all.addAll(s.tensors());
                meta.putAll(s.metadata());
            }
            return new StateDictInfo(path, "safetensors (sharded)", all, meta, List.of());
        }
        return switch (sniff(p)) {
            case SAFETENSORS -> Safetensors.info(p);
            case TORCH_ZIP -> TorchArchive.info(p);
        };
    }

    /** A folder's {@code tokenizer.json}, or the one beside a checkpoint file, if there is one. */
    public static Optional<Path> tokenizerFor(Path path) {
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        Path t = dir == null ? null : dir.resolve("tokenizer.json");
        return t != null && Files.isRegularFile(t) ? Optional.of(t) : Optional.empty();
    }

    enum Kind { SAFETENSORS, TORCH_ZIP }

    /** The format from the first bytes. */
    static Kind sniff(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        } catch (IOException e) {
            throw new CmerException(file + ": cannot read: " + e.getMessage(), CmerException.IO, e);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return Kind.TORCH_ZIP;
        if (head.length >= 9 && head[8] == '{' && ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getLong(0) > 0) return Kind.SAFETENSORS;
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] <= 5)
            throw new CmerException(file + ": a legacy (PyTorch < 1.6, non-zip) torch.save file, which is not supported; re-save it with a "
                    + "current PyTorch: torch.save(torch.load(f, weights_only=True), 'new.pt')");
        throw new CmerException(file + ": not a safetensors file, PyTorch zip checkpoint or TorchScript archive (first bytes "
                + HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(head.length, 12)) + ")");
    }

    private static Path resolve(Path path) {
        if (Files.isRegularFile(path)) return path;
        if (!Files.isDirectory(path)) throw new CmerException(path + ": no such file or folder", CmerException.IO, null);
        for (String name : DIR_FILES) {
            Path p = path.resolve(name);
            if (Files.isRegularFile(p)) return p;
        }
        throw new CmerException(path + ": folder holds none of " + DIR_FILES);
    }

    private static StateDict readSharded(Path index) {
        Map<String, Tensor> all = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        for (Path shard : shards(index)) {
            StateDict s = Safetensors.read(shard);
            for (Map.Entry<String, Tensor> e : s.tensors().entrySet())
                if (all.put(e.getKey(), e.getValue()) != null) throw new CmerException(shard + ": tensor '" + e.getKey() + "' also in another shard");
            meta.putAll(s.metadata());
        }
        return new StateDict(index.getParent(), "safetensors (sharded)", all, meta, List.of("read " + shards(index).size() + " shards"));
    }

    /** The shard files an index names, in first-mention order; each must lie in the index's folder. */
    private static List<Path> shards(Path index) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(index.toFile());
        } catch (IOException e) {
            throw new CmerException(index + ": not valid JSON: " + e.getMessage(), e);
        }
        JsonNode map = root.get("weight_map");
        if (map == null || !map.isObject() || map.isEmpty()) throw new CmerException(index + ": no weight_map object");
        Set<String> names = new LinkedHashSet<>();
        map.fields().forEachRemaining(e -> names.add(e.getValue().asText()));
        List<Path> out = new ArrayList<>();
        for (String n : names) {
            Path p = index.getParent().resolve(n).normalize();
            if (n.contains("/") || n.contains("\\") || !Files.isRegularFile(p))
                throw new CmerException(index + ": shard '" + n + "' is not a file in " + index.getParent());
            out.add(p);
        }
        return out;
    }
}
