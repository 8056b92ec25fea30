package cmer.data.sample;

import cmer.core.AtomicFiles;
import cmer.core.CmerException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The corpus the shipped tiny CLIP is pretrained on: the same painters as {@code sample-data/}, but a different
 * seed, a skewed class mix (scene weights drawn from the seed, so some classes are rare and others common, where
 * sample-data is uniform) and re-phrased captions (synonyms, other sentence openings). Fine-tuning on
 * sample-data is then a transfer to a new distribution, not more of the same. Karpathy JSON, no sidecars, no
 * targets file. Deterministic: same arguments, same bytes.
 */
public final class PretrainCorpus {
    /** Re-phrasings applied with probability ½ each (captions of sample-data use the left-hand forms). */
    private static final String[][] REPHRASE = {
        {"there are ", "we can see "}, {"there is ", "one can see "}, {"next to ", "beside "}, {"in the middle of", "at the centre of"},
        {"many ", "lots of "}, {"several ", "a few "}, {"parked ", "standing "}, {"green ", "verdant "}, {"large ", "big "},
        {"small ", "little "}, {"near ", "close to "}, {"surrounded by", "encircled by"}, {"an aerial view of", "a top-down view of"},
        {"a remote sensing image of", "a satellite picture of"}, {"lies", "sits"}, {"located", "situated"}, {"buildings", "houses"},
    };
    private static final String[] OPENINGS = {"", "", "in this image, ", "overhead: ", "seen from above, ", "this picture shows that "};
    private static final ObjectMapper JSON = new ObjectMapper();

    private PretrainCorpus() { }

    /**
     * Writes {@code count} images (size px) and dataset.json into {@code out}; the last {@code val} images form the
     * val split, the rest train.
     */
    public static int generate(long seed, int count, int val, int size, Path out) {
        int classes = SceneCatalog.CLASSES.size();
        double[] weight = new double[classes];
        SplittableRandom mix = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double sum = 0;
        for (int k = 0; k < classes; k++) sum += weight[k] = 0.2 + Math.pow(mix.nextDouble(), 2) * 3;   // skewed, no class absent
        int[] seen = new int[classes];
        StringBuilder dataset = new StringBuilder("{\"dataset\": \"cmer-pretrain\", \"seed\": " + seed + ", \"images\": [\n");
        try {
            for (int j = 0; j < count; j++) {
                SplittableRandom r = new SplittableRandom(seed * 31 + j * 0x9E3779B97F4A7C15L);
                double u = r.nextDouble() * sum;
                int cls = 0;
                while (cls < classes - 1 && (u -= weight[cls]) > 0) cls++;
                SampleImage im = SampleImage.paint(seed, seen[cls]++ * classes + cls, size);   // index ≡ class (mod 18)
                String file = String.format(Locale.ROOT, "%s_%05d.jpg", im.scene(), j);
                byte[] jpg = SampleGenerator.jpeg(im);
                AtomicFiles.write(out.resolve(SampleGenerator.IMAGES).resolve(file), o -> o.write(jpg));
                ObjectNode e = JSON.createObjectNode();
                e.put("filepath", SampleGenerator.IMAGES).put("filename", file).put("imgid", j)
                        .put("split", j >= count - val ? "val" : "train").put("label", im.scene());
                ArrayNode s = e.putArray("sentences");
                for (String c : im.captions()) s.addObject().put("raw", rephrase(c, r));
                dataset.append(j == 0 ? "" : ",\n").append(JSON.writeValueAsString(e));
            }
            dataset.append("\n]}\n");
            AtomicFiles.writeString(out.resolve(SampleGenerator.DATASET), dataset.toString());
            return count;
        } catch (IOException e) {
            throw new CmerException(out + ": cannot write the pretraining corpus: " + e.getMessage(), CmerException.IO, e);
        }
    }

    static String rephrase(String caption, SplittableRandom r) {
        String c = caption.toLowerCase(Locale.ROOT).replace(" .", "").replaceAll("\\.$", "");
        for (String[] p : REPHRASE) if (c.contains(p[0]) && r.nextBoolean()) c = c.replace(p[0], p[1]);
        return OPENINGS[r.nextInt(OPENINGS.length)] + c;
    }

    /** Scene class names (for the scene prompts the tokenizer should know). */
    public static List<String> scenes() { return new ArrayList<>(SceneCatalog.names()); }
}
