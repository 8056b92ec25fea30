package cmer.nn;

import cmer.core.CmerException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A checkpoint seen through one {@link CheckpointFormat}: canonical name → the source tensors that make it,
 * plus what the format ignores or has no place for. Shapes are known without reading any data.
 */
public final class WeightMap {
    /** One source tensor and where it goes. */
    public record Piece(String source, CheckpointFormat.Target target) { }

    private final WeightSource source;
    private final Map<String, Piece[]> pieces = new LinkedHashMap<>();
    private final List<String> ignored = new ArrayList<>(), unmapped = new ArrayList<>();

    public WeightMap(WeightSource source, CheckpointFormat format) {
        this.source = source;
        for (String name : source.names()) {
            if (format.ignorable(name)) { ignored.add(name); continue; }
            var t = format.target(name);
            if (t.isEmpty()) { unmapped.add(name); continue; }
            Piece[] slot = pieces.computeIfAbsent(t.get().name(), k -> new Piece[t.get().parts()]);
            slot[t.get().part()] = new Piece(name, t.get());
        }
    }

    public Map<String, Piece[]> pieces() { return pieces; }

    /** Buffers the format knows carry no weights. */
    public List<String> ignored() { return ignored; }

    /** Source tensors this format has no place for (e.g. BERT's pooler). */
    public List<String> unmapped() { return unmapped; }

    public boolean has(String canonical) { return pieces.containsKey(canonical); }

    /** The assembled shape of a canonical tensor: parts stacked along dim 0, HF projections transposed. */
    public long[] shape(String canonical) {
        Piece[] parts = complete(canonical);
        long[] s = partShape(parts[0]);
        if (parts.length == 1) return s;
        long rows = 0;
        for (Piece p : parts) {
            long[] ps = partShape(p);
            if (ps.length == 0 || !Arrays.equals(Arrays.copyOfRange(ps, 1, ps.length), Arrays.copyOfRange(s, 1, s.length))) {
                throw new CmerException("tensor '" + p.source() + "' has shape " + fmt(ps) + " but its sibling '" + parts[0].source()
                        + "' has " + fmt(s) + "; the parts of '" + canonical + "' must agree");
            }
            rows += ps[0];
        }
        s[0] = rows;
        return s;
    }

    /** The assembled values of a canonical tensor, row-major in its {@link #shape}. */
    public float[] data(String canonical) {
        Piece[] parts = complete(canonical);
        float[][] chunks = new float[parts.length][];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            float[] d = source.data(parts[i].source());
            long[] raw = source.shape(parts[i].source());
            chunks[i] = parts[i].target().transpose() ? transpose(d, raw) : d;
            total += chunks[i].length;
        }
        if (chunks.length == 1) return chunks[0];
        float[] out = new float[total];
        int at = 0;
        for (float[] c : chunks) { System.arraycopy(c, 0, out, at, c.length); at += c.length; }
        return out;
    }

    private Piece[] complete(String canonical) {
        Piece[] parts = pieces.get(canonical);
        if (parts == null) throw new CmerException("the checkpoint has no tensor for '" + canonical + "'");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {
                String have = Arrays.stream(parts).filter(p -> p != null).map(Piece::source).collect(Collectors.joining(", "));
                throw new CmerException("'" + canonical + "' needs " + parts.length + " parts (q, k, v) but part " + i
                        + " is missing; found only " + have);
            }
        }
        return parts;
    }

    private long[] partShape(Piece p) {
        long[] s = source.shape(p.source()).clone();
        if (p.target().transpose()) {
            if (s.length != 2) throw new CmerException("tensor '" + p.source() + "': expected a matrix, found shape " + fmt(s));
            s = new long[] {s[1], s[0]};
        }
        return s;
    }

    /** (R, C) row-major → (C, R) row-major. */
    private static float[] transpose(float[] d, long[] shape) {
        int r = (int) shape[0], c = (int) shape[1];
        float[] t = new float[d.length];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) t[j * r + i] = d[i * c + j];
        return t;
    }

    static String fmt(long[] s) {
        return Arrays.stream(s).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}
