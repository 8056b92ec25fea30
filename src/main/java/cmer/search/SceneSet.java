package cmer.search;

import cmer.core.TrainConfig;
import cmer.text.ScenePrompts;
import java.util.ArrayList;
import java.util.List;

/**
 * The scene classifier of scene-aware retrieval (CMER-METHOD.md): each scene's embedding is the unit mean of
 * the text embeddings of its prompts ("an aerial photo of a {scene}."), and the scene distribution of any
 * embedding v is {@code softmax_s(scale · v·e_s)}, with CLIP's learned temperature.
 */
public record SceneSet(List<String> names, float[][] embeddings, float scale) {
    /**
     * Used when the images carry no scene labels: the 30 classes of AID (Xia et al. 2017), the most common
     * remote-sensing scene vocabulary; give the archive's own list with {@code --scenes} when it differs.
     */
    public static final List<String> DEFAULT = List.of("airport", "bare land", "baseball field", "beach", "bridge", "center", "church",
            "commercial", "dense residential", "desert", "farmland", "forest", "industrial", "meadow", "medium residential", "mountain",
            "park", "parking", "playground", "pond", "port", "railway station", "resort", "river", "school", "sparse residential",
            "square", "stadium", "storage tanks", "viaduct");

    /** Embeds the prompts of every scene with {@code prompts} templates. */
    public static SceneSet build(Embedder embedder, List<String> scenes, TrainConfig.Scene prompts) {
        ScenePrompts sp = new ScenePrompts(prompts);
        List<String> texts = new ArrayList<>();
        for (String s : scenes) texts.addAll(sp.prompts(s));
        float[][] e = embedder.texts(texts);
        int per = prompts.prompts().size(), d = embedder.dim();
        float[][] out = new float[scenes.size()][d];
        for (int s = 0; s < scenes.size(); s++) {
            for (int p = 0; p < per; p++) for (int i = 0; i < d; i++) out[s][i] += e[s * per + p][i];
            normalize(out[s]);
        }
        return new SceneSet(List.copyOf(scenes), out, embedder.scale());
    }

    /** P(scene | v) for a unit embedding v: {@code float[S]}, summing to 1. */
    public float[] distribution(float[] v) {
        double[] logit = new double[names.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < logit.length; s++) {
            logit[s] = scale * ExactIndex.dot(v, embeddings[s], 0, v.length);
            max = Math.max(max, logit[s]);
        }
        double sum = 0;
        for (int s = 0; s < logit.length; s++) sum += logit[s] = Math.exp(logit[s] - max);   // stable softmax
        float[] p = new float[logit.length];
        for (int s = 0; s < p.length; s++) p[s] = (float) (logit[s] / sum);
        return p;
    }

    /** Position of a scene name (compared as readable words, "Dense_Residential" = "dense residential"), -1 when absent. */
    public int indexOf(String scene) {
        if (!ScenePrompts.known(scene)) return -1;
        String r = ScenePrompts.readable(scene);
        for (int i = 0; i < names.size(); i++) if (ScenePrompts.readable(names.get(i)).equals(r)) return i;
        return -1;
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        return best;
    }

    static void normalize(float[] v) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        float n = (float) Math.sqrt(s);
        if (n > 0) for (int i = 0; i < v.length; i++) v[i] /= n;
    }
}
