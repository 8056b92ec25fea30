package cmer.search;

import cmer.core.FootprintReader;
import cmer.data.Dataset;
import cmer.data.Datasets;
import cmer.data.ImageLoader;
import cmer.data.ImageRecord;
import cmer.data.ModelInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Image → text: ranks every caption of a dataset for one image by cosine similarity (exact; caption sets are small). */
public final class CaptionRanker {
    /** One ranked caption and the image the dataset gives it to. */
    public record Ranked(int rank, double score, String caption, String imageId) { }

    private CaptionRanker() { }

    public static List<Ranked> rank(Embedder emb, Path image, Path dataset, int k) {
        float[] v = emb.images(List.of(ModelInput.of(ImageLoader.load(image), emb.imageSize())))[0];
        Dataset ds = Datasets.open(dataset, FootprintReader.NONE);
        List<String> texts = new ArrayList<>(), owners = new ArrayList<>();
        for (ImageRecord r : ds.images())
            for (String c : r.usableCaptions()) {
                texts.add(c);
                owners.add(r.id());
            }
        if (texts.isEmpty()) throw new cmer.core.CmerException(dataset + ": the dataset has no captions to rank", cmer.core.CmerException.USAGE, null);
        ExactIndex idx = new ExactIndex(emb.dim(), 1);
        for (int i = 0; i < texts.size(); i += 64) {
            float[][] e = emb.texts(texts.subList(i, Math.min(texts.size(), i + 64)));
            for (int j = 0; j < e.length; j++) idx.add(Integer.toString(i + j), e[j]);
        }
        List<Ranked> out = new ArrayList<>();
        for (Hit h : idx.search(v, k)) {
            int i = Integer.parseInt(h.id());
            out.add(new Ranked(out.size() + 1, h.score(), texts.get(i), owners.get(i)));
        }
        return out;
    }
}
