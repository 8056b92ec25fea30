package cmer.nn.io;

import cmer.core.CmerException;
import cmer.nn.io.PickleValues.StorageRef;
import cmer.nn.io.PickleValues.TensorRef;
import cmer.nn.io.PickleValues.TorchObject;
import cmer.nn.io.PickleValues.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * PyTorch's zip checkpoints: {@code torch.save} files (open_clip, RemoteCLIP, GeoRSCLIP: a state dict or a
 * {@code {'epoch', 'name', 'state_dict', 'optimizer'}} dict) and {@code torch.jit.save} TorchScript archives
 * (OpenAI's ViT-B-32.pt). Both hold {@code <prefix>/data.pkl} and the raw storages in {@code <prefix>/data/<key>}.
 * The pickle goes through {@link RestrictedUnpickler}; TorchScript modules arrive as plain objects whose
 * attribute tree is walked to dotted names ({@code visual.transformer.resblocks.0.attn.in_proj_weight}),
 * the names {@code module.state_dict()} gives. No TorchScript code is loaded or run.
 */
final class TorchArchive {
    private static final long MAX_PICKLE = 512L << 20;

    private final Path file;
    private final ZipFile zip;
    private final String prefix;
    private final boolean torchScript;
    private final Map<String, TensorRef> refs = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private TorchArchive(Path file, ZipFile zip) throws IOException {
        this.file = file;
        this.zip = zip;
        String pkl = null;
        boolean code = false;
        for (ZipEntry e : Collections.list(zip.entries())) {
            String n = e.getName();
            if (n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length()) pkl = n;
            if (n.contains("/code/")) code = true;
        }
        if (pkl == null) throw new CmerException(file + ": a zip file but not a PyTorch checkpoint: no <name>/data.pkl entry");
        prefix = pkl.substring(0, pkl.length() - "data.pkl".length());
        torchScript = code;
        String order = text("byteorder");
        if (order != null && !order.strip().equals("little"))
            throw new CmerException(file + ": byteorder '" + order.strip() + "' is not supported (only little-endian checkpoints)");
        ZipEntry pe = zip.getEntry(pkl);
        if (pe.getSize() > MAX_PICKLE) throw new CmerException(file + ": " + pkl + " is " + pe.getSize() + " bytes; more than a state dict needs");
        Object root;
        try (InputStream s = zip.getInputStream(pe)) {
            root = RestrictedUnpickler.load(file + ": " + pkl, s.readNBytes((int) MAX_PICKLE));
        }
        collect(root);
    }

    static StateDictInfo info(Path file) {
        return open(file, a -> new StateDictInfo(file, a.format(), a.infos(), a.metadata, a.notes));
    }

    static StateDict read(Path file) {
        return open(file, a -> new StateDict(file, a.format(), a.materialize(), a.metadata, a.notes));
    }

    private interface Body<T> { T apply(TorchArchive a) throws IOException; }

    private static <T> T open(Path file, Body<T> body) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return body.apply(new TorchArchive(file, zip));
        } catch (ZipException e) {
            throw new CmerException(file + ": damaged zip (" + e.getMessage() + "); expected a PyTorch zip checkpoint", e);
        } catch (IOException e) {
            throw new CmerException(file + ": cannot read: " + e.getMessage(), CmerException.IO, e);
        }
    }

    private String format() { return torchScript ? "torchscript" : "pytorch-zip"; }

    private String text(String name) throws IOException {
        ZipEntry e = zip.getEntry(prefix + name);
        if (e == null) return null;
        try (InputStream s = zip.getInputStream(e)) { return new String(s.readNBytes(64), StandardCharsets.US_ASCII); }
    }

    // --- from the unpickled object to named tensor views -------------------------------------------------------

    private void collect(Object root) {
        if (root instanceof TorchObject o) {
            metadata.put("class", o.className);
            walk("", o, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        } else if (root instanceof Map<?, ?> m) {
            Map<?, ?> sd = m;
            for (String key : List.of("state_dict", "model")) {
                if (m.get(key) instanceof Map<?, ?> inner && !m.values().stream().anyMatch(v -> v instanceof TensorRef)) {
                    sd = inner;
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        if (e.getKey().equals(key)) continue;
                        if (isScalar(e.getValue())) metadata.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
                        else notes.add("checkpoint entry '" + e.getKey() + "' not used (" + kind(e.getValue()) + ")");
                    }
                    notes.add("tensors read from the checkpoint's '" + key + "' entry");
                    break;
                }
            }
            for (Map.Entry<?, ?> e : sd.entrySet()) {
                if (e.getValue() instanceof TensorRef t) refs.put(String.valueOf(e.getKey()), t);
                else notes.add("entry '" + e.getKey() + "' is not a tensor (" + kind(e.getValue()) + "); skipped");
            }
            stripPrefix("module.");
        } else {
            throw new CmerException(file + ": the pickle holds " + kind(root) + ", expected a dict of tensors or a TorchScript module");
        }
        if (refs.isEmpty()) throw new CmerException(file + ": no tensors found (expected a state dict)");
    }

    /** TorchScript attribute tree → dotted names; tensors that are attributes (not parameters) are kept too. */
    private void walk(String path, Object v, Set<Object> seen, int depth) {
        if (depth > 64) throw new CmerException(file + ": TorchScript module nesting deeper than 64 at '" + path + "'");
        if (v instanceof TensorRef t) {
            refs.putIfAbsent(path, t);
        } else if (v instanceof TorchObject o && seen.add(o)) {
            for (Map.Entry<Object, Object> e : o.state.entrySet()) walk(join(path, String.valueOf(e.getKey())), e.getValue(), seen, depth + 1);
            if (o.rawState != null) walk(path, o.rawState, seen, depth + 1);
        } else if (v instanceof Tuple t) {
            walkList(path, t.items(), seen, depth);
        } else if (v instanceof List<?> l && seen.add(l)) {
            walkList(path, l, seen, depth);
        }
    }

    private void walkList(String path, List<?> items, Set<Object> seen, int depth) {
        for (int i = 0; i < items.size(); i++) walk(join(path, "" + i), items.get(i), seen, depth + 1);
    }

    private static String join(String a, String b) { return a.isEmpty() ? b : a + "." + b; }

    private void stripPrefix(String p) {
        if (refs.isEmpty() || !refs.keySet().stream().allMatch(k -> k.startsWith(p))) return;
        Map<String, TensorRef> copy = new LinkedHashMap<>(refs);
        refs.clear();
        copy.forEach((k, v) -> refs.put(k.substring(p.length()), v));
        notes.add("'" + p + "' prefix stripped from every name (a DataParallel checkpoint)");
    }

    private static boolean isScalar(Object v) {
        return v == null || v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    private static String kind(Object v) {
        if (v == null) return "None";
        if (v instanceof TorchObject o) return "a " + o.className + " object";
        if (v instanceof Map) return "a dict";
        if (v instanceof List || v instanceof Tuple) return "a list";
        if (v instanceof TensorRef) return "a tensor";
        return "a " + v.getClass().getSimpleName();
    }

    // --- data ---------------------------------------------------------------------------------------------------

    private List<TensorInfo> infos() {
        List<TensorInfo> out = new ArrayList<>();
        refs.forEach((name, t) -> out.add(check(name, t)));
        return out;
    }

    /** Checks a view against its storage: shape and stride agree, every element lies inside the storage. */
    private TensorInfo check(String name, TensorRef t) {
        String where = file + ": tensor '" + name + "'";
        if (t.size().length != t.stride().length)
            throw new CmerException(where + ": size " + java.util.Arrays.toString(t.size()) + " and stride "
                    + java.util.Arrays.toString(t.stride()) + " differ in rank");
        for (long d : t.size()) if (d < 0) throw new CmerException(where + ": negative size " + java.util.Arrays.toString(t.size()));
        TensorInfo info = new TensorInfo(name, t.storage().dtype(), t.size());
        long last = Tensors.lastIndex(t.size(), t.stride(), t.offset());
        if (t.offset() < 0 || last < 0 || (info.numel() > 0 && last >= t.storage().numel()))
            throw new CmerException(where + ": view (offset " + t.offset() + ", stride " + java.util.Arrays.toString(t.stride())
                    + ") reaches element " + last + " but storage '" + t.storage().key() + "' has " + t.storage().numel() + " elements");
        return info;
    }

    private Map<String, Tensor> materialize() throws IOException {
        Map<String, ByteBuffer> storages = new HashMap<>();
        Map<String, Integer> uses = new HashMap<>();                // drop each storage after its last view: peak ≈ file size
        refs.values().forEach(t -> uses.merge(t.storage().key(), 1, Integer::sum));
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorRef> e : refs.entrySet()) {
            TensorRef t = e.getValue();
            TensorInfo info = check(e.getKey(), t);
            if (info.numel() > Integer.MAX_VALUE - 8)
                throw new CmerException(file + ": tensor '" + e.getKey() + "' has " + info.numel() + " elements; at most 2^31 are supported");
            ByteBuffer s = storages.get(t.storage().key());
            if (s == null) {
                s = storage(t.storage());
                storages.put(t.storage().key(), s);
            }
            out.put(e.getKey(), Tensors.gather(info, s, t.offset(), t.stride()));
            if (uses.merge(t.storage().key(), -1, Integer::sum) == 0) storages.remove(t.storage().key());
        }
        return out;
    }

    private ByteBuffer storage(StorageRef s) throws IOException {
        String name = prefix + "data/" + s.key();
        ZipEntry e = zip.getEntry(name);
        long expected = s.numel() * s.dtype().bytes();
        if (e == null) throw new CmerException(file + ": storage entry " + name + " is missing from the zip");
        if (expected > Integer.MAX_VALUE - 8) throw new CmerException(file + ": storage " + name + " is over 2 GiB");
        if (e.getSize() >= 0 && e.getSize() != expected)
            throw new CmerException(file + ": storage " + name + " has " + e.getSize() + " bytes, expected " + expected
                    + " (" + s.numel() + " × " + s.dtype().name() + ")");
        byte[] b;
        try (InputStream in = zip.getInputStream(e)) { b = in.readNBytes((int) expected); }
        if (b.length != expected) throw new CmerException(file + ": storage " + name + " ended after " + b.length + " of " + expected + " bytes");
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
