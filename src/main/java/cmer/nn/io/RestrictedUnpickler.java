package cmer.nn.io;

import cmer.core.CmerException;
import cmer.nn.io.PickleValues.Global;
import cmer.nn.io.PickleValues.StorageRef;
import cmer.nn.io.PickleValues.TensorRef;
import cmer.nn.io.PickleValues.TorchObject;
import cmer.nn.io.PickleValues.Tuple;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pickle reader that only builds data. It understands the opcodes torch.save and torch.jit.save write
 * (protocol 2, plus the harmless protocol 3–4 ones) and a fixed list of globals: OrderedDict, the tensor and
 * parameter rebuild functions, the typed storages, torch.Size, and TorchScript {@code __torch__.*} classes
 * (which become plain {@link TorchObject}s; their code is never looked at). Any other global, a REDUCE on
 * anything but those functions, and the opcodes that call constructors by name (INST, OBJ, NEWOBJ_EX, EXT*)
 * are refused with the file, the name and the byte offset. Python's own pickle cannot be restricted like
 * this from Java, and java.io.ObjectInputStream is banned (ArchitectureTest), so this is written by hand.
 */
final class RestrictedUnpickler {
    private static final Object MARK = new Object();
    private static final Set<String> STORAGES = Set.of("DoubleStorage", "FloatStorage", "HalfStorage", "BFloat16Storage",
            "LongStorage", "IntStorage", "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage");
    private static final Set<String> FUNCTIONS = Set.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_tensor", "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state",
            "torch.Size", "builtins.set", "builtins.frozenset",
            // TorchScript's typed-container helpers: they only wrap a list or tag a value with a type name
            "torch.jit._pickle.build_intlist", "torch.jit._pickle.build_doublelist", "torch.jit._pickle.build_boollist",
            "torch.jit._pickle.build_tensorlist", "torch.jit._pickle.restore_type_tag");
    static final String ALLOWED = "collections.OrderedDict, torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter, "
            + "torch.<Type>Storage, torch.Size, torch.jit._pickle list helpers, __torch__.* (TorchScript modules, kept as data)";

    private final String where;
    private final ByteBuffer in;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private int op;                                   // offset of the opcode being run, for messages

    private RestrictedUnpickler(String where, byte[] data) {
        this.where = where;
        this.in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Unpickles {@code data}; {@code where} ("model.pt: archive/data.pkl") starts every error message. */
    static Object load(String where, byte[] data) {
        RestrictedUnpickler u = new RestrictedUnpickler(where, data);
        try {
            return u.run();
        } catch (CmerException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {  // malformed input: wrong types on the stack, short reads
            throw new CmerException(where + ": malformed pickle at byte " + u.op + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private Object run() {
        while (true) {
            op = in.position();
            if (!in.hasRemaining()) throw fail("the pickle ended without a STOP opcode");
            int c = in.get() & 0xff;
            switch (c) {
                case 0x80 -> { int proto = u8(); if (proto > 5) throw fail("pickle protocol " + proto + " is not supported"); }  // PROTO
                case 0x95 -> bytes(8);                                                // FRAME (length only)
                case '.' -> { if (stack.size() != 1) throw fail("STOP with " + stack.size() + " values on the stack"); return pop(); }
                case '(' -> { marks.add(stack.size()); stack.add(MARK); }
                case '0' -> pop();
                case '1' -> popMark();
                case '2' -> push(peek());
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push((long) in.getInt());
                case 'K' -> push((long) u8());
                case 'M' -> push((long) (in.getShort() & 0xffff));
                case 0x8a -> push(longFrom(bytes(u8())));
                case 0x8b -> push(longFrom(bytes(len(in.getInt()))));
                case 'G' -> push(ByteBuffer.wrap(bytes(8)).getDouble());                  // BINFLOAT: big-endian
                case 'X' -> push(utf8(bytes(len(in.getInt()))));
                case 0x8c -> push(utf8(bytes(u8())));
                case 0x8d -> push(utf8(bytes(len(in.getLong()))));
                case 'T' -> push(new String(bytes(len(in.getInt())), StandardCharsets.ISO_8859_1));
                case 'U' -> push(new String(bytes(u8()), StandardCharsets.ISO_8859_1));
                case 'B' -> push(bytes(len(in.getInt())));
                case 'C' -> push(bytes(u8()));
                case 0x8e -> push(bytes(len(in.getLong())));
                case ')' -> push(new Tuple(List.of()));
                case 't' -> push(new Tuple(popMark()));
                case 0x85 -> push(tupleOf(1));
                case 0x86 -> push(tupleOf(2));
                case 0x87 -> push(tupleOf(3));
                case ']' -> push(new ArrayList<>());
                case 'l' -> push(new ArrayList<>(popMark()));
                case 'a' -> { Object v = pop(); list(peek()).add(v); }
                case 'e' -> { List<Object> vs = popMark(); list(peek()).addAll(vs); }
                case '}' -> push(new LinkedHashMap<>());
                case 'd' -> { Map<Object, Object> m = new LinkedHashMap<>(); putAll(m, popMark()); push(m); }
                case 's' -> { Object v = pop(), k = pop(); put(map(peek()), k, v); }
                case 'u' -> { List<Object> kv = popMark(); putAll(map(peek()), kv); }
                case 0x8f -> push(new LinkedHashSet<>());
                case 0x90 -> { List<Object> vs = popMark(); set(peek()).addAll(vs); }
                case 0x91 -> push(new LinkedHashSet<>(popMark()));
                case 'q' -> memo.put((long) u8(), peek());
                case 'r' -> memo.put(in.getInt() & 0xffffffffL, peek());
                case 0x94 -> memo.put((long) memo.size(), peek());
                case 'h' -> push(memoGet(u8()));
                case 'j' -> push(memoGet(in.getInt() & 0xffffffffL));
                case 'c' -> push(global(line(), line()));
                case 0x93 -> { Object name = pop(), module = pop(); push(global(str(module), str(name))); }
                case 'Q' -> push(persistentLoad(pop()));
                case 'R' -> { Object args = pop(), fn = pop(); push(reduce(fn, args)); }
                case 0x81 -> { Object args = pop(), cls = pop(); push(newObject(cls, args)); }
                case 'b' -> { Object state = pop(); build(peek(), state); }
                default -> throw fail("opcode " + opName(c) + " is not allowed in a checkpoint (it could call code or is not "
                        + "written by torch.save)");
            }
        }
    }

    private Global global(String module, String name) {
        String q = module + "." + name;
        if (module.equals("torch") && STORAGES.contains(name) || FUNCTIONS.contains(q) || module.startsWith("__torch__"))
            return new Global(module, name);
        throw fail("global '" + q + "' is not one of the types a state dict needs (" + ALLOWED + "). "
                + "Loading a checkpoint never runs code from it; if this file holds a whole pickled model, re-save it with "
                + "torch.save(model.state_dict(), path)");
    }

    private Object reduce(Object fn, Object argsObj) {
        if (!(fn instanceof Global g) || !FUNCTIONS.contains(g.qualified()))
            throw fail("REDUCE on " + describe(fn) + " refused: only " + FUNCTIONS + " may be called");
        Tuple args = tuple(argsObj);
        switch (g.qualified()) {
            case "collections.OrderedDict" -> {
                Map<Object, Object> m = new LinkedHashMap<>();
                if (args.size() == 1) for (Object pair : (List<?>) args.get(0)) { Tuple p = tuple(pair); put(m, p.get(0), p.get(1)); }
                return m;
            }
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor" -> {
                if (args.size() < 4 || !(args.get(0) instanceof StorageRef s))
                    throw fail("_rebuild_tensor expects (storage, offset, size, stride, ...), got " + args.size() + " arguments");
                return new TensorRef(s, (Long) args.get(1), longs(args.get(2)), longs(args.get(3)));
            }
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> {
                if (!(args.get(0) instanceof TensorRef t)) throw fail("_rebuild_parameter expects a tensor");
                return t;
            }
            case "torch.Size" -> { return args.size() == 1 ? new Tuple(new ArrayList<>((List<?>) args.get(0))) : args; }
            case "torch.jit._pickle.build_intlist", "torch.jit._pickle.build_doublelist", "torch.jit._pickle.build_boollist",
                    "torch.jit._pickle.build_tensorlist" -> { return new ArrayList<>((List<?>) args.get(0)); }
            case "torch.jit._pickle.restore_type_tag" -> { return args.get(0); }
            default -> { return args.size() == 0 ? new LinkedHashSet<>() : new LinkedHashSet<>((java.util.Collection<?>) args.get(0)); }
        }
    }

    private Object newObject(Object cls, Object args) {
        if (!(cls instanceof Global g) || !g.module().startsWith("__torch__") || tuple(args).size() != 0)
            throw fail("NEWOBJ on " + describe(cls) + " refused: only TorchScript __torch__.* classes without arguments are built");
        return new TorchObject(g.qualified());
    }

    @SuppressWarnings("unchecked")
    private void build(Object target, Object state) {
        if (target instanceof TorchObject o) {
            if (state instanceof Map<?, ?> m) o.state.putAll((Map<Object, Object>) m);
            else o.rawState = state;
        } else if (!(target instanceof Map)) {            // OrderedDict(...)._metadata from module.state_dict(): ignored
            throw fail("BUILD on " + describe(target) + " refused");
        }
    }

    private Object persistentLoad(Object pid) {
        Tuple t = tuple(pid);
        if (t.size() != 5 || !"storage".equals(t.get(0)) || !(t.get(1) instanceof Global g) || !STORAGES.contains(g.name()))
            throw fail("persistent id " + describe(pid) + " is not ('storage', torch.<Type>Storage, key, location, numel)");
        long numel = (Long) t.get(4);
        if (numel < 0) throw fail("storage with " + numel + " elements");
        return new StorageRef(DType.ofTorchStorage(g.name()), str(t.get(2)), str(t.get(3)), numel);
    }

    // --- stack, memo and byte helpers -------------------------------------------------------------------------

    private void push(Object o) { stack.add(o); }

    private Object pop() {
        if (stack.isEmpty()) throw fail("stack underflow");
        Object o = stack.remove(stack.size() - 1);
        if (o == MARK) throw fail("unexpected MARK");
        return o;
    }

    private Object peek() {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) throw fail("stack underflow");
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) throw fail("no MARK on the stack");
        int at = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(at + 1, stack.size()));
        stack.subList(at, stack.size()).clear();
        return items;
    }

    private Tuple tupleOf(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) items[i] = pop();
        return new Tuple(Arrays.asList(items));
    }

    private Object memoGet(long key) {
        if (!memo.containsKey(key)) throw fail("memo key " + key + " was never stored");
        return memo.get(key);
    }

    private void putAll(Map<Object, Object> m, List<Object> kv) {
        if (kv.size() % 2 != 0) throw fail("odd number of items for a dict");
        for (int i = 0; i < kv.size(); i += 2) put(m, kv.get(i), kv.get(i + 1));
    }

    private void put(Map<Object, Object> m, Object k, Object v) {
        if (!hashable(k, 0)) throw fail("dict key " + describe(k) + " is not a plain value");
        m.put(k, v);
    }

    /** Keys may only be plain values, so hashing can neither recurse forever nor call anything. */
    private static boolean hashable(Object k, int depth) {
        if (k == null || k instanceof String || k instanceof Long || k instanceof BigInteger || k instanceof Double || k instanceof Boolean)
            return true;
        return k instanceof Tuple t && depth < 8 && t.items().stream().allMatch(x -> hashable(x, depth + 1));
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) {
        if (o instanceof ArrayList<?> l) return (List<Object>) l;
        throw fail("APPEND to " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> map(Object o) {
        if (o instanceof Map<?, ?> m) return (Map<Object, Object>) m;
        throw fail("SETITEM on " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private Set<Object> set(Object o) {
        if (o instanceof Set<?> s) return (Set<Object>) s;
        throw fail("ADDITEMS on " + describe(o));
    }

    private Tuple tuple(Object o) {
        if (o instanceof Tuple t) return t;
        throw fail("expected a tuple, found " + describe(o));
    }

    private long[] longs(Object o) {
        List<Object> items = o instanceof Tuple t ? t.items() : o instanceof List<?> l ? new ArrayList<>(l) : null;
        if (items == null) throw fail("expected a tuple of integers, found " + describe(o));
        long[] r = new long[items.size()];
        for (int i = 0; i < r.length; i++) {
            if (!(items.get(i) instanceof Long v)) throw fail("expected an integer, found " + describe(items.get(i)));
            r[i] = v;
        }
        return r;
    }

    private String str(Object o) {
        if (o instanceof String s) return s;
        throw fail("expected a string, found " + describe(o));
    }

    private int u8() { return in.get() & 0xff; }

    private int len(long n) {
        if (n < 0 || n > in.remaining()) throw fail("length " + n + " runs past the end of the pickle (" + in.remaining() + " bytes left)");
        return (int) n;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[len(n)];
        in.get(b);
        return b;
    }

    /** A newline-terminated ASCII line (GLOBAL's module and name). */
    private String line() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!in.hasRemaining() || sb.length() > 256) throw fail("unterminated GLOBAL name");
            char ch = (char) (in.get() & 0xff);
            if (ch == '\n') return sb.toString();
            sb.append(ch);
        }
    }

    private static String utf8(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    /** LONG1/LONG4: little-endian two's complement; a Long when it fits. */
    private static Object longFrom(byte[] le) {
        if (le.length == 0) return 0L;
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) be[i] = le[le.length - 1 - i];
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static String describe(Object o) {
        if (o == null) return "None";
        if (o instanceof Global g) return "'" + g.qualified() + "'";
        if (o instanceof String s) return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        return o.getClass().getSimpleName();
    }

    private static String opName(int c) {
        String name = switch (c) {
            case 'i' -> "INST"; case 'o' -> "OBJ"; case 0x92 -> "NEWOBJ_EX"; case 0x82 -> "EXT1"; case 0x83 -> "EXT2";
            case 0x84 -> "EXT4"; case 'P' -> "PERSID"; case 'I' -> "INT"; case 'L' -> "LONG"; case 'S' -> "STRING";
            case 'V' -> "UNICODE"; case 'F' -> "FLOAT"; case 'g' -> "GET"; case 'p' -> "PUT"; case 0x96 -> "BYTEARRAY8";
            case 0x97 -> "NEXT_BUFFER"; case 0x98 -> "READONLY_BUFFER"; default -> "unknown";
        };
        return name + String.format(" (0x%02x)", c);
    }

    private CmerException fail(String what) {
        return new CmerException(where + ": refused at byte " + op + ": " + what);
    }
}
