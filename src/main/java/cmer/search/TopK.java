package cmer.search;

/**
 * Keeps the {@code k} largest scores seen so far in a binary min-heap over primitive arrays, so a full
 * scan costs one comparison per candidate (no boxing, no sort of all n scores).
 */
final class TopK {
    private final float[] scores;
    private final int[] ords;
    private int size;

    TopK(int k) {
        scores = new float[k];
        ords = new int[k];
    }

    /** Smallest score still kept, or -infinity while the heap is not full. */
    float threshold() { return size < scores.length ? Float.NEGATIVE_INFINITY : scores[0]; }

    void offer(int ord, float score) {
        if (size < scores.length) {
            scores[size] = score;
            ords[size] = ord;
            up(size++);
        } else if (score > scores[0] || (score == scores[0] && ord < ords[0])) {
            scores[0] = score;
            ords[0] = ord;
            down(0);
        }
    }

    /** Merges another heap's contents into this one. */
    void addAll(TopK other) {
        for (int i = 0; i < other.size; i++) offer(other.ords[i], other.scores[i]);
    }

    /** Ordinals best first (ties: lower ordinal first); empties the heap. */
    int[] drainBestFirst(float[] scoresOut) {
        int n = size;
        int[] out = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = ords[0];
            scoresOut[i] = scores[0];
            size--;
            scores[0] = scores[size];
            ords[0] = ords[size];
            down(0);
        }
        return out;
    }

    int size() { return size; }

    // min-heap order: lower score first; on equal scores the higher ordinal is "smaller" (dropped first)
    private boolean less(int a, int b) { return scores[a] < scores[b] || (scores[a] == scores[b] && ords[a] > ords[b]); }

    private void up(int i) {
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (!less(i, p)) return;
            swap(i, p);
            i = p;
        }
    }

    private void down(int i) {
        while (true) {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < size && less(l, m)) m = l;
            if (r < size && less(r, m)) m = r;
            if (m == i) return;
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        float s = scores[a]; scores[a] = scores[b]; scores[b] = s;
        int o = ords[a]; ords[a] = ords[b]; ords[b] = o;
    }
}
